namespace NopSegments.Data.Profiles;

/// <summary>Which profile a visitor id (browser cookie, or a customer key for server-side history) belongs to.</summary>
internal sealed class StoredIdentity
{
    public required string VisitorId { get; set; }
    public long ProfileId { get; set; }
    public DateTime CreatedAt { get; set; }
}
