using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// <see cref="ISegmentsTracker"/> for a store request: validate and enqueue, no database round trip.
/// <see cref="EventWriter"/> drains the queue. The queue is bounded by count: past <see cref="NopSegmentsOptions.QueueCapacity"/>
/// waiting events, browsing events are shed; the store's own events (orders, refunds, carts) may wait in twice that room.
/// In durable mode the caller waits until the writer's batch with its event has committed (a group commit: concurrent
/// requests share one transaction instead of queuing for the database's write lock one by one).
/// </summary>
internal sealed class EventQueue(ModuleState state, IOptions<NopSegmentsOptions> options, ILogger<EventQueue> logger) : ISegmentsTracker
{
    private static readonly TimeSpan ShedLogEvery = TimeSpan.FromSeconds(10);
    private static readonly Task<TrackResult> Taken = Task.FromResult(TrackResult.Ok);

    private readonly Channel<QueuedEvent> channel = Channel.CreateUnbounded<QueuedEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private long enqueued;
    private long written;
    private long shedBrowsing;
    private long shedStore;
    private long shedLoggedAt;

    public ChannelReader<QueuedEvent> Reader => channel.Reader;

    /// <summary>Events taken and not yet written.</summary>
    public long Waiting => Interlocked.Read(ref enqueued) - Interlocked.Read(ref written);

    /// <summary>Events refused for want of room since the store started: browsing events, and the store's own.</summary>
    public (long Browsing, long Store) Shed => (Interlocked.Read(ref shedBrowsing), Interlocked.Read(ref shedStore));

    public TrackResult Track(StoreEvent storeEvent) => options.Value.Durable
        // Durable mode's documented price: the caller waits for the batch that stores its event.
        ? TrackAsync(storeEvent).GetAwaiter().GetResult()
        : Enqueue(storeEvent, null);

    /// <summary>
    /// <see cref="Track"/> for a caller that can wait without holding a thread (the tracking endpoint): in durable mode the
    /// task ends when the event is stored or refused.
    /// </summary>
    public Task<TrackResult> TrackAsync(StoreEvent storeEvent)
    {
        if (!options.Value.Durable)
        {
            var result = Enqueue(storeEvent, null);
            return result.Accepted ? Taken : Task.FromResult(result);
        }
        var stored = new TaskCompletionSource<TrackResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = Enqueue(storeEvent, stored);
        return queued.Accepted ? stored.Task : Task.FromResult(queued);
    }

    private TrackResult Enqueue(StoreEvent storeEvent, TaskCompletionSource<TrackResult>? stored)
    {
        ArgumentNullException.ThrowIfNull(storeEvent);
        if (!state.IsInstalled)
            return TrackResult.Rejected("NopSegments is not installed");
        // A server hook's text is trusted but may still hold what no database stores (a NUL from a pasted name): cleaned.
        storeEvent = StoredText.Clean(storeEvent);
        if (EventValidator.Validate(storeEvent) is { } error)
            return TrackResult.Rejected(error);

        var browsing = EventCatalog.BrowsingEvents.Contains(storeEvent.Name);
        var room = browsing ? options.Value.QueueCapacity : 2L * options.Value.QueueCapacity;
        // The lock keeps channel order and the enqueued count in step, which FlushAsync relies on.
        lock (gate)
        {
            if (enqueued - Interlocked.Read(ref written) >= room)
                return Refuse(storeEvent, browsing);
            if (!channel.Writer.TryWrite(new QueuedEvent(storeEvent, stored)))
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
