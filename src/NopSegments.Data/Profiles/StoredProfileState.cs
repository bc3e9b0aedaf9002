namespace NopSegments.Data.Profiles;

/// <summary>
/// A profile's fold state, the JSON ingestion resumes from, in <c>nopsegments_profile_states</c>: kept out of
/// <c>nopsegments_profiles</c> so a segment's scan over attribute columns reads narrow rows.
/// </summary>
internal sealed class StoredProfileState
{
    public long ProfileId { get; set; }
    public required string State { get; set; }
}
