using NopSegments.Data.Campaigns;

namespace NopSegments.Web.Admin;

/// <summary>A campaign's line in the admin's list.</summary>
public sealed record CampaignRow(string Slug, string Name, string Status, string Audience, int? AudienceSize, string Placement, int Impressions, int Conversions);

/// <summary>A campaign's page: its definition, status, and results per arm (the holdout's arm has no variant).</summary>
public sealed record CampaignView(string? Slug, string Json, string? Status, string? Problem, string? Notice, IReadOnlyList<VariantResult> Arms, IReadOnlyList<ResultDay> Days)
{
    public string? Name { get; init; }
    public int Version { get; init; }
    public TimeSpan ConversionWindow { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>What the campaigns' admin pages show, read from the campaigns, segments and served offers.</summary>
internal sealed class CampaignOverview(CampaignStore store, CampaignResults results, TimeProvider clock)
{
    public const int RecentDays = 7;

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct)
    {
        var (sizes, everyone) = await store.AudienceSizesAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays);
        var rows = new List<CampaignRow>();
        foreach (var summary in await store.ListAsync(ct))
        {
            var definition = Read(await store.JsonAsync(summary.Slug, ct));
            var (arms, _) = await results.ForAsync(summary.Slug, definition?.ConversionWindow ?? TimeSpan.FromDays(7), since, ct);
            var segment = definition?.Audience.Segment;
            rows.Add(new CampaignRow(summary.Slug, summary.Name, summary.Status, segment ?? "everyone", segment is null ? everyone : sizes.GetValueOrDefault(segment),
                definition?.Placement.Slot ?? "?", arms.Where(a => a.Variant is not null).Sum(a => a.Impressions), arms.Where(a => a.Variant is not null).Sum(a => a.Conversions)));
        }
        return rows;
    }

    public async Task<CampaignView?> ViewAsync(string slug, CancellationToken ct)
    {
        if (await store.FindAsync(slug, ct) is not { } summary || await store.JsonAsync(slug, ct) is not { } json)
            return null;
        var window = Read(json)?.ConversionWindow ?? TimeSpan.FromDays(7);
        var (arms, days) = await results.ForAsync(slug, window, null, ct);
        return new CampaignView(slug, json, summary.Status, null, null, arms, days) { Name = summary.Name, Version = summary.Version, ConversionWindow = window };
    }

    private static CampaignDefinition? Read(string? json)
    {
        try
        {
            return json is null ? null : CampaignReader.Read(json);
        }
        catch (CampaignDefinitionException)
        {
            return null;
        }
    }
}
