namespace NopSegments.Data.Ingestion;

/// <summary>What one batch did: events stored (retries skipped), profiles touched, merges made.</summary>
internal sealed record IngestionResult(int Stored, int Duplicates, int Profiles, int Merges)
{
    /// <summary>The visitors whose segments changed, or whose person did (merged, or identified as a customer).</summary>
    public IReadOnlySet<string> ChangedVisitors { get; init; } = new HashSet<string>();
}
