namespace NopSegments.Data.Segments;

/// <summary>What a merchandiser saves: slug (lower-case letters, digits, hyphens), name, description, query.</summary>
public sealed record SegmentDraft(string Slug, string Name, string? Description, string Query);

/// <summary>What saving did: the version now live, its member count, and who entered and left.</summary>
public sealed record SegmentSaved(string Slug, int Version, int Members, int Entered, int Left);

/// <summary>A query tried before saving: its members now, and who would enter and leave against the saved version.</summary>
public sealed record SegmentPreview(
    int Count, IReadOnlyList<string> Sample, int Entering, IReadOnlyList<string> EnteringSample, int Leaving, IReadOnlyList<string> LeavingSample)
{
    /// <summary>
    /// Why this query was evaluated profile by profile instead of in SQL (slower on a large store), or null when SQL
    /// answered it.
    /// </summary>
    public string? ProfileByProfile { get; init; }
}

/// <summary>A segment that cannot be saved or deleted as asked (bad slug, unknown segment, a cycle, still in use).</summary>
public sealed class SegmentDefinitionException(string message) : Exception(message);
