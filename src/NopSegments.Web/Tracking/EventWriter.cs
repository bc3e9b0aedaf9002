using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Web.Tracking;

/// <summary>Drains the event queue in batches; on shutdown it writes what is left before stopping.</summary>
internal sealed class EventWriter(EventQueue queue, IngestionWriter ingestion, ILogger<EventWriter> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var batch = new List<StoreEvent>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
                await WriteAvailableAsync(batch, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and drain.
        }
        await WriteAvailableAsync(batch, CancellationToken.None);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAvailableAsync(List<StoreEvent> batch, CancellationToken cancellationToken)
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
            try
            {
                await ingestion.WriteAsync(batch, BatchCommit.Buffered, cancellationToken);
            }
#pragma warning disable CA1031 // A failed batch must not stop the writer; the storefront never sees it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Could not store {Count} store events", batch.Count);
            }
            finally
            {
                queue.MarkWritten(batch.Count);
            }
        }
    }
}
