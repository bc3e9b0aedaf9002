using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Tracking;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// <see cref="ISegmentsTracker"/> for a store request: validate and enqueue, no database round trip.
/// <see cref="EventWriter"/> drains the queue. The queue is bounded by count: past <see cref="NopSegmentsOptions.QueueCapacity"/>
/// waiting events, browsing events are shed; the store's own events (orders, refunds, carts) may wait in twice that room.
/// </summary>
internal sealed class EventQueue(
    ModuleState state, IOptions<NopSegmentsOptions> options, IngestionWriter ingestion, DeadLetters deadLetters, ILogger<EventQueue> logger)
    : ISegmentsTracker
{
    private static readonly TimeSpan ShedLogEvery = TimeSpan.FromSeconds(10);

    private readonly Channel<StoreEvent> channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private long enqueued;
    private long written;
    private long shedBrowsing;
    private long shedStore;
    private long shedLoggedAt;

    public ChannelReader<StoreEvent> Reader => channel.Reader;

    /// <summary>Events taken and not yet written.</summary>
    public long Waiting => Interlocked.Read(ref enqueued) - Interlocked.Read(ref written);

    /// <summary>Events refused for want of room since the store started: browsing events, and the store's own.</summary>
    public (long Browsing, long Store) Shed => (Interlocked.Read(ref shedBrowsing), Interlocked.Read(ref shedStore));

    public TrackResult Track(StoreEvent storeEvent)
    {
        ArgumentNullException.ThrowIfNull(storeEvent);
        if (!state.IsInstalled)
            return TrackResult.Rejected("NopSegments is not installed");
        // A server hook's text is trusted but may still hold what no database stores (a NUL from a pasted name): cleaned.
        storeEvent = StoredText.Clean(storeEvent);
        if (EventValidator.Validate(storeEvent) is { } error)
            return TrackResult.Rejected(error);
        if (options.Value.Durable)
            return WriteThrough(storeEvent);

        var browsing = EventCatalog.BrowsingEvents.Contains(storeEvent.Name);
        var room = browsing ? options.Value.QueueCapacity : 2L * options.Value.QueueCapacity;
        // The lock keeps channel order and the enqueued count in step, which FlushAsync relies on.
        lock (gate)
        {
            if (enqueued - Interlocked.Read(ref written) >= room)
                return Refuse(storeEvent, browsing);
            if (!channel.Writer.TryWrite(storeEvent))
                return TrackResult.TryLater("the store is shutting down");
            enqueued++;
        }
        return TrackResult.Ok;
    }

    private TrackResult Refuse(StoreEvent storeEvent, bool browsing)
    {
        Interlocked.Increment(ref browsing ? ref shedBrowsing : ref shedStore);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref shedLoggedAt);
        if (now - last >= ShedLogEvery.TotalMilliseconds && Interlocked.CompareExchange(ref shedLoggedAt, now, last) == last)
        {
            logger.LogError("The event queue is full ({Waiting} waiting; the database is not keeping up): shed {Name}; {Browsing} browsing and {Store} store events shed since start",
                Waiting, storeEvent.Name, Interlocked.Read(ref shedBrowsing), Interlocked.Read(ref shedStore));
        }
        return TrackResult.TryLater("the event queue is full: the database is not keeping up");
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
            // The database's words stay in the log: they can name tables and values, and the caller may be a browser.
            logger.LogError(ex, "Store event {EventId} ({Name}) could not be stored in durable mode", storeEvent.EventId, storeEvent.Name);
            if (ingestion.IsTransient(ex))
                return TrackResult.TryLater("the event could not be stored now; try again later");
            KeepRefused(storeEvent, ex);
            return TrackResult.Rejected("the event could not be stored; it was kept for the shop's admin to retry");
        }
    }

    private void KeepRefused(StoreEvent storeEvent, Exception why)
    {
        try
        {
            deadLetters.KeepAsync(storeEvent, why.Message).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Past this the log is the event's last copy.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Store event {Event} could be neither stored nor kept", DeadLetterJson.Write(storeEvent));
        }
    }

    public void MarkWritten(int count) => Interlocked.Add(ref written, count);

    public void Complete() => channel.Writer.TryComplete();

    /// <summary>Waits until every event queued before the call has been written (or kept as refused).</summary>
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
