namespace NopSegments.Tracking;

/// <summary>The outcome of <see cref="ISegmentsTracker.Track"/>.</summary>
/// <param name="Accepted">True when the event was queued for storage.</param>
/// <param name="Reason">Why it was not: invalid input, or the module is not installed.</param>
public sealed record TrackResult(bool Accepted, string? Reason)
{
    /// <summary>The event was queued.</summary>
    public static TrackResult Ok { get; } = new(true, null);

    /// <summary>True when the event was refused for want of room or of a database, not for what it holds: sending it again later may work.</summary>
    public bool RetryLater { get; init; }

    /// <summary>The event was refused, with a reason a developer can act on.</summary>
    public static TrackResult Rejected(string reason) => new(false, reason);

    /// <summary>The event was refused because the module cannot take it now (queue full, database away).</summary>
    public static TrackResult TryLater(string reason) => new(false, reason) { RetryLater = true };
}
