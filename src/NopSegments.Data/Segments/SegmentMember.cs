namespace NopSegments.Data.Segments;

/// <summary>A profile in a segment's materialized membership, since when.</summary>
internal sealed class SegmentMember
{
    public long SegmentId { get; set; }
    public long ProfileId { get; set; }
    public DateTime Since { get; set; }
}
