using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Drains the event queue in batches through <see cref="BatchStorage"/>, which never drops a batch. On shutdown it writes
/// what is left until the host's shutdown timeout runs out.
/// </summary>
internal sealed class EventWriter(EventQueue queue, BatchStorage storage, ILogger<EventWriter> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource abandon = new();
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var batch = new List<StoreEvent>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
                await WriteAvailableAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and drain.
        }
        try
        {
            await WriteAvailableAsync(batch);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            var left = batch.Count + queue.Reader.Count;
            logger.LogError("The host's shutdown timeout ran out with {Count} store events not stored; they are lost", left);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            // The host's token fires when its shutdown timeout has passed (base.StopAsync stops waiting then): only then
            // does the writer give up on a database that is not answering. Not disposed with the writer, since the drain
            // may still be reading it when the host disposes its services.
            if (cancellationToken.IsCancellationRequested)
                abandon.Cancel();
        }
    }

    private async Task WriteAvailableAsync(List<StoreEvent> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
                batch.Add(e);
            if (batch.Count == 0)
                return;
            if (batch.Count < BatchSize && !stopping.IsCancellationRequested)
            {
                // Busy moments fill a batch in a few milliseconds; a quiet store waits at most Linger. Each batch has a
                // fixed cost (connection, directory, commit), so a few larger ones cost the storefront far less CPU.
                await Task.Delay(Linger, CancellationToken.None);
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
                    batch.Add(e);
            }
            await storage.StoreAsync(batch, abandon.Token);
            queue.MarkWritten(batch.Count);
        }
    }
}
