using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;
using NopSegments.Web.Visitors;

namespace NopSegments.Benchmarks;

/// <summary>
/// The tracking endpoint's own work for one tracked page view — reading the body's JSON and the signed cookies, the
/// session, the rate limit, validating and queueing the event, the 202 — on an in-memory request with the module's
/// real registrations: no Kestrel, no sockets, no database (a reader drains the queue). What the wrk run cannot
/// separate from loopback TCP and Kestrel, this measures alone.
/// </summary>
[MemoryDiagnoser]
public class EndpointBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"events":[{"name":"page_viewed","properties":{"url":"http://127.0.0.1:5090/product/71053","path":"/product/71053","title":"White Metal Lantern"}}]}""");

    private ServiceProvider services = null!;
    private TrackingEndpoint endpoint = null!;
    private IHttpContextAccessor accessor = null!;
    private IServiceScopeFactory scopes = null!;
    private string cookies = "";
    private CancellationTokenSource stop = null!;
    private Task drain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        collection.AddNopSegments(o =>
        {
            o.ConnectionString = "Data Source=:memory:";
            o.BrowserEventsPerMinute = int.MaxValue;
        });
        services = collection.BuildServiceProvider();
        services.GetRequiredService<ModuleState>().Set(true);
        endpoint = services.GetRequiredService<TrackingEndpoint>();
        accessor = services.GetRequiredService<IHttpContextAccessor>();
        scopes = services.GetRequiredService<IServiceScopeFactory>();
        // A returning shopper's cookies, as the store signed them when the session started.
        var protector = services.GetRequiredService<VisitorCookieProtector>();
        var session = new VisitorSession("7c9e6679742540de944be07fc1f90ae7", "direct", null, null, null, "desktop") { RefreshedAt = clock.GetUtcNow() };
        cookies = $"nopsegments.vid={protector.Protect("0f8fad5bd9cb469fa165709a56b3e1c2")}; " +
            $"nopsegments.sid={protector.Protect(JsonSerializer.Serialize(session))}";
        var queue = services.GetRequiredService<EventQueue>();
        stop = new CancellationTokenSource();
        drain = Task.Run(async () =>
        {
            while (await queue.Reader.WaitToReadAsync(stop.Token))
                while (queue.Reader.TryRead(out _)) { }
        });
    }

    [Benchmark]
    public async Task<int> PageView()
    {
        // What hosting does around a request: a context with the request scope's factory, the accessor set, then disposed.
        var http = new DefaultHttpContext { ServiceScopeFactory = scopes };
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = "/nopsegments/track";
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = Body.Length;
        http.Request.Headers.Cookie = cookies;
        http.Request.Body = new MemoryStream(Body, writable: false);
        http.Response.Body = Stream.Null;
        accessor.HttpContext = http;
        await endpoint.HandleAsync(http);
        accessor.HttpContext = null;
        if (http.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable scope)
            await scope.DisposeAsync();
        return http.Response.StatusCode;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        stop.Cancel();
        try { drain.Wait(); } catch (AggregateException) { }
        stop.Dispose();
        services.Dispose();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
