using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>A real SMTP server on a free loopback port that keeps what it receives; it can refuse the first messages.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly Store store;

    private SmtpSink(int port, int refuseFirst)
    {
        Port = port;
        store = new Store(refuseFirst);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => store.Messages;

    public static SmtpSink Start(int refuseFirst = 0) => new(FreePort(), refuseFirst);

    /// <summary>The demo store's configuration that delivers its mail queue here.</summary>
    public Dictionary<string, string> StoreSettings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Tls"] = "none",
    };

    /// <summary>Waits until <paramref name="count"/> messages have arrived (or the time is up) and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (store.Messages.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return [.. store.Messages];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }

    private sealed class Store(int refuseFirst) : MessageStore
    {
        private int refused;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref refused) <= refuseFirst)
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "mailbox busy, try later");
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
