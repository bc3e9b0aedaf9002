namespace NopSegments.Data.Segments;

/// <summary>When time alone may change a profile's answer for a segment (a window passing): the sweep re-checks it then.</summary>
internal sealed class SegmentCheck
{
    public long SegmentId { get; set; }
    public long ProfileId { get; set; }
    public DateTime DueAt { get; set; }
}
