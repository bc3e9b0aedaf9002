namespace NopSegments.Data.Profiles;

/// <summary>An anonymous profile folded into a customer's when its visitor logged in, registered or checked out.</summary>
internal sealed class ProfileMerge
{
    public long Id { get; set; }
    public long FromProfileId { get; set; }
    public long IntoProfileId { get; set; }
    public required string VisitorId { get; set; }
    public required string CustomerId { get; set; }
    public DateTime MergedAt { get; set; }
}
