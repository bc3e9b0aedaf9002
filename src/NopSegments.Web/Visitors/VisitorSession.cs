using NopSegments.Tracking.Enrichment;

namespace NopSegments.Web.Visitors;

/// <summary>
/// A browsing session: started on the first request after 30 minutes of silence, it keeps what its
/// landing request said about the traffic source and the device, and every event of it carries that.
/// </summary>
public sealed record VisitorSession(string Id, string Source, string? UtmSource, string? UtmMedium, string? UtmCampaign, string Device)
{
    /// <summary>ISO country code from the visitor's IP address, when a geo database knows it.</summary>
    public string? Country { get; init; }

    /// <summary>When the session cookie was last rewritten (it slides at most once a minute).</summary>
    public DateTimeOffset RefreshedAt { get; init; }

    /// <summary>Starts a session from its landing page, referrer and browser.</summary>
    public static VisitorSession Start(string id, Uri landing, Uri? referrer, string? userAgent, string? mobileHint)
    {
        ArgumentNullException.ThrowIfNull(landing);
        var info = LandingInfo.FromUrl(landing, referrer);
        return new VisitorSession(id, TrafficChannels.Classify(info), Clip(info.UtmSource), Clip(info.UtmMedium), Clip(info.UtmCampaign),
            DeviceTypes.Classify(userAgent, mobileHint));
    }

    /// <summary>The properties every event of this session carries.</summary>
    public IReadOnlyDictionary<string, object?> Properties => With(null);


    /// <summary>An event's properties on top of the session's: the event's own values win (an order's country).</summary>
    public Dictionary<string, object?> With(IReadOnlyDictionary<string, object?>? own)
    {
        var all = new Dictionary<string, object?>(6 + (own?.Count ?? 0), StringComparer.Ordinal)
        {
            ["source"] = Source,
            ["utm_source"] = UtmSource,
            ["utm_medium"] = UtmMedium,
            ["utm_campaign"] = UtmCampaign,
            ["device"] = Device,
            ["country"] = Country,
        };
        if (own is not null)
        {
            foreach (var (key, value) in own)
                all[key] = value;
        }
        return all;
    }

    private static string? Clip(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length > 200 ? value[..200] : value.Trim();
}
