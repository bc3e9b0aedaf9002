using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// <see cref="ISegmentsTracker"/> for a store request: validate and enqueue, no database round trip.
/// <see cref="EventWriter"/> drains the queue.
/// </summary>
internal sealed class EventQueue(ModuleState state, IOptions<NopSegmentsOptions> options, IngestionWriter ingestion) : ISegmentsTracker
{
    public const int Capacity = 100_000;

    private readonly Channel<StoreEvent> channel = Channel.CreateBounded<StoreEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock gate = new();
    private long enqueued;
    private long written;

    public ChannelReader<StoreEvent> Reader => channel.Reader;

    public TrackResult Track(StoreEvent storeEvent)
    {
        ArgumentNullException.ThrowIfNull(storeEvent);
        if (!state.IsInstalled)
            return TrackResult.Rejected("NopSegments is not installed");
        if (EventValidator.Validate(storeEvent) is { } error)
            return TrackResult.Rejected(error);
        if (options.Value.Durable)
            return WriteThrough(storeEvent);

        // The lock keeps channel order and the enqueued count in step, which FlushAsync relies on.
        lock (gate)
        {
            if (!channel.Writer.TryWrite(storeEvent))
                return TrackResult.Rejected("the event queue is full or shutting down");
            enqueued++;
        }
        return TrackResult.Ok;
    }

    private TrackResult WriteThrough(StoreEvent storeEvent)
    {
        try
        {
            // Durable mode's documented price: the caller waits for its own transaction.
            ingestion.WriteAsync([storeEvent]).GetAwaiter().GetResult();
            return TrackResult.Ok;
        }
#pragma warning disable CA1031 // The storefront gets a reason, never an exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TrackResult.Rejected($"the event could not be stored: {ex.Message}");
        }
    }

    public void MarkWritten(int count) => Interlocked.Add(ref written, count);

    public void Complete() => channel.Writer.TryComplete();

    /// <summary>Waits until every event queued before the call has been written (or failed).</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        long target;
        lock (gate)
            target = enqueued;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (Interlocked.Read(ref written) < target)
                await Task.Delay(5, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Past the timeout the caller shows what is stored; the writer keeps going.
        }
    }
}
