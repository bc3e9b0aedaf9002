namespace NopSegments.Data.Segments;

/// <summary>A merchandiser's saved segment: its query (canonical text) and the version each edit makes.</summary>
internal sealed class SavedSegment
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string Query { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime MaterializedAt { get; set; }
}
