namespace NopSegments.Data.Campaigns;

/// <summary>A campaign as stored: its definition's JSON as the merchandiser saved it, its status and version.</summary>
internal sealed class StoredCampaign
{
    public const string Draft = "draft";
    public const string Live = "live";
    public const string Paused = "paused";
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> Statuses = [Draft, Live, Paused, Archived];

    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Status { get; set; } = Draft;
    public required string Definition { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
