namespace NopSegments.Tracking.Enrichment;

/// <summary>What a session's first request says about where the visitor came from.</summary>
/// <param name="UtmSource">utm_source of the landing URL.</param>
/// <param name="UtmMedium">utm_medium of the landing URL.</param>
/// <param name="Referrer">The referring page, if any.</param>
/// <param name="StoreHost">The store's own host: a referrer from it is not a source.</param>
/// <param name="ClickId">gclid, msclkid, fbclid … when the landing URL carried one.</param>
public sealed record LandingInfo(string? UtmSource, string? UtmMedium, Uri? Referrer, string? StoreHost, string? ClickId = null)
{
    /// <summary>utm_campaign of the landing URL.</summary>
    public string? UtmCampaign { get; init; }

    private static readonly string[] ClickIds = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "ttclid"];

    /// <summary>Reads the UTM parameters and click ids from a landing URL.</summary>
    public static LandingInfo FromUrl(Uri landing, Uri? referrer)
    {
        ArgumentNullException.ThrowIfNull(landing);
        var query = landing.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => Uri.UnescapeDataString(p[0]).ToLowerInvariant())
            .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First().ElementAtOrDefault(1) ?? "").Replace('+', ' '));
        var clickId = ClickIds.FirstOrDefault(query.ContainsKey);
        return new LandingInfo(query.GetValueOrDefault("utm_source"), query.GetValueOrDefault("utm_medium"), referrer, landing.Host, clickId)
        {
            UtmCampaign = query.GetValueOrDefault("utm_campaign"),
        };
    }
}
