using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Drains the event queue in batches through <see cref="BatchStorage"/>, which never drops a batch. On shutdown it writes
/// what is left until the host's shutdown timeout runs out.
/// </summary>
internal sealed class EventWriter(EventQueue queue, BatchStorage storage, IOptions<NopSegmentsOptions> options, ILogger<EventWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource abandon = new();
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var batch = new List<QueuedEvent>(BatchSize);
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
            var lost = 0;
            foreach (var e in batch.Concat(Remaining()))
            {
                lost++;
                e.Stored?.TrySetResult(TrackResult.TryLater("the store shut down before the event could be stored"));
            }
            logger.LogError("The host's shutdown timeout ran out with {Count} store events not stored; they are lost", lost);
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

    private IEnumerable<QueuedEvent> Remaining()
    {
        while (queue.Reader.TryRead(out var e))
            yield return e;
    }

    /// <summary>
    /// Writes batches until the queue is empty. A batch leaves <paramref name="batch"/> only once stored, so when the
    /// writer gives up at the shutdown timeout the one in hand is counted and answered with the rest.
    /// </summary>
    private async Task WriteAvailableAsync(List<QueuedEvent> batch)
    {
        while (true)
        {
            if (batch.Count == 0 && !await FillAsync(batch))
                return;
            var refused = await storage.StoreAsync([.. batch.Select(e => e.Event)], abandon.Token);
            queue.MarkWritten(batch.Count);
            foreach (var (e, stored) in batch)
            {
                stored?.TrySetResult(refused.Contains(e.EventId)
                    ? TrackResult.Rejected("the event could not be stored; it was kept for the shop's admin to retry")
                    : TrackResult.Ok);
            }
            batch.Clear();
        }
    }

    private async Task<bool> FillAsync(List<QueuedEvent> batch)
    {
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
            batch.Add(e);
        if (batch.Count == 0)
            return false;
        // Durable callers are waiting: their batch goes at once, and a busy store still fills it while the last commits.
        if (batch.Count < BatchSize && !stopping.IsCancellationRequested && !options.Value.Durable)
        {
            // Busy moments fill a batch in a few milliseconds; a quiet store waits at most Linger. Each batch has a
            // fixed cost (connection, directory, commit), so a few larger ones cost the storefront far less CPU.
            await Task.Delay(Linger, CancellationToken.None);
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
                batch.Add(e);
        }
        return true;
    }
}
