namespace NopSegments.Tracking;

/// <summary>
/// One thing a visitor did in the store: a page view, a cart change, an order, a login.
/// Hosts build these from their own hooks and hand them to <see cref="ISegmentsTracker"/>.
/// </summary>
/// <param name="Name">The event's name from the segment language's catalog, e.g. <c>order_placed</c>.</param>
/// <param name="VisitorId">The signed visitor cookie's id; every event belongs to a visitor.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record StoreEvent(string Name, string VisitorId, DateTimeOffset OccurredAt)
{
    /// <summary>Idempotency key: a retried event with the same id is stored once.</summary>
    public Guid EventId { get; init; } = EventIds.New();

    /// <summary>The host's customer id when the visitor is known (logged in, or checked out with an email).</summary>
    public string? CustomerId { get; init; }

    /// <summary>The visitor's browsing session.</summary>
    public string? SessionId { get; init; }

    /// <summary>Event properties by name; values are strings, numbers or booleans.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = EmptyProperties;

    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties =
        new Dictionary<string, object?>();
}
