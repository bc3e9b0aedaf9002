namespace NopSegments.Data.Segments;

/// <summary>A profile entering or leaving a segment: when, why, and under which version of its definition.</summary>
internal sealed class SegmentTransition
{
    public const string Entered = "entered";
    public const string Left = "left";

    /// <summary>Reasons: an event of the profile, time passing (a window, or RFM ranks rescored), or the definition created or edited.</summary>
    public const string ByEvent = "event";
    public const string ByTime = "time";
    public const string ByEdit = "edit";

    public long Id { get; set; }
    public long SegmentId { get; set; }
    public long ProfileId { get; set; }
    public required string Kind { get; set; }
    public DateTime At { get; set; }
    public required string Reason { get; set; }
    public Guid? EventId { get; set; }
    public int Version { get; set; }
}
