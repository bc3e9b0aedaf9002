namespace NopSegments.Data.Ingestion;

/// <summary>What one batch did: events stored (retries skipped), profiles touched, merges made.</summary>
internal sealed record IngestionResult(int Stored, int Duplicates, int Profiles, int Merges);
