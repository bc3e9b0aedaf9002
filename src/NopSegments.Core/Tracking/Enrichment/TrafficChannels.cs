namespace NopSegments.Tracking.Enrichment;

/// <summary>
/// A session's traffic channel: direct, organic_search, paid_search, social, email, referral, display,
/// affiliate or other. The rules, in order, are documented in docs/tracking.md and pinned by tests.
/// </summary>
public static class TrafficChannels
{
    private static readonly string[] SearchEngines = ["google.", "bing.com", "yahoo.", "duckduckgo.com", "baidu.com", "yandex.", "ecosia.org", "ask.com", "startpage.com", "qwant.com"];
    private static readonly string[] SocialSites = ["facebook.com", "fb.com", "instagram.com", "t.co", "twitter.com", "x.com", "linkedin.com", "lnkd.in", "pinterest.", "reddit.com", "tiktok.com", "youtube.com", "snapchat.com", "threads.net"];
    private static readonly string[] WebMail = ["mail.google.com", "outlook.live.com", "outlook.office.com", "mail.yahoo.com", "mail.proton.me"];

    /// <summary>Classifies a session by its landing page's tags, click ids and referrer.</summary>
    public static string Classify(LandingInfo landing)
    {
        ArgumentNullException.ThrowIfNull(landing);
        var medium = Normalize(landing.UtmMedium);
        var source = Normalize(landing.UtmSource);
        if (medium is not null || source is not null)
            return ByTags(medium, source);
        if (landing.ClickId is { } click)
            return click is "fbclid" or "ttclid" ? "social" : "paid_search";
        return ByReferrer(landing.Referrer, landing.StoreHost);
    }

    private static string ByTags(string? medium, string? source)
    {
        if (medium is "email" or "e-mail" or "e_mail" or "newsletter" || source is "email" or "newsletter")
            return "email";
        if (medium is "affiliate" or "affiliates" or "partner")
            return "affiliate";
        if (medium is "display" or "banner" or "cpm" or "interstitial" or "expandable")
            return "display";
        if (medium is "social" or "social-network" or "social-media" or "sm" or "social network" or "social media"
            || (medium is not null && IsPaid(medium) && source is not null && Matches(source, SocialSites, bare: true)))
            return "social";
        if (medium is not null && IsPaid(medium))
            return "paid_search";
        if (medium is "organic")
            return "organic_search";
        if (medium is "referral")
            return "referral";
        if (medium is null && source is not null)
            return Matches(source, SearchEngines, bare: true) ? "organic_search"
                : Matches(source, SocialSites, bare: true) ? "social" : "referral";
        return "other";
    }

    private static string ByReferrer(Uri? referrer, string? storeHost)
    {
        if (referrer is null || !referrer.IsAbsoluteUri || referrer.Host.Length == 0)
            return "direct";
        var host = referrer.Host.ToLowerInvariant();
        if (storeHost is not null && (host == storeHost.ToLowerInvariant() || host.EndsWith("." + storeHost.ToLowerInvariant(), StringComparison.Ordinal)))
            return "direct";
        if (WebMail.Any(m => host == m))
            return "email";
        if (Matches(host, SearchEngines, bare: false))
            return "organic_search";
        return Matches(host, SocialSites, bare: false) ? "social" : "referral";
    }

    private static bool IsPaid(string medium) =>
        medium is "cpc" or "ppc" or "paidsearch" or "paid-search" or "paid_search" or "sem" or "retargeting"
        || medium.StartsWith("paid", StringComparison.Ordinal);

    /// <summary>A host (or a bare source name like "google") that is, or is under, one of the sites.</summary>
    private static bool Matches(string value, string[] sites, bool bare) => sites.Any(site =>
    {
        var name = site.TrimEnd('.');
        if (bare && (value == name || value == name.Split('.')[0]))
            return true;
        return site.EndsWith('.')
            ? value.StartsWith(site, StringComparison.Ordinal) || value.Contains("." + site, StringComparison.Ordinal)
            : value == site || value.EndsWith("." + site, StringComparison.Ordinal);
    });

    private static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
