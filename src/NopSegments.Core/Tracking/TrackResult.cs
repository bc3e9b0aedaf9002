namespace NopSegments.Tracking;

/// <summary>The outcome of <see cref="ISegmentsTracker.Track"/>.</summary>
/// <param name="Accepted">True when the event was queued for storage.</param>
/// <param name="Reason">Why it was not: invalid input, or the module is not installed.</param>
public sealed record TrackResult(bool Accepted, string? Reason)
{
    /// <summary>The event was queued.</summary>
    public static TrackResult Ok { get; } = new(true, null);

    /// <summary>The event was refused, with a reason a developer can act on.</summary>
    public static TrackResult Rejected(string reason) => new(false, reason);
}
