using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port standing in for an SMS provider or a webhook receiver: it keeps every
/// request (path, headers, body) and answers 202, or with the status the test sets.
/// </summary>
internal sealed class HookSink : IAsyncDisposable
{
    private readonly WebApplication app;

    private HookSink(WebApplication app) => this.app = app;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status the next requests get.</summary>
    public int Status { get; set; } = StatusCodes.Status202Accepted;

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<HookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new HookSink(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            sink.Requests.Enqueue(new Received(context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync()));
            context.Response.StatusCode = sink.Status;
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
