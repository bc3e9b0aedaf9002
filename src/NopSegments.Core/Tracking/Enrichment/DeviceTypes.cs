namespace NopSegments.Tracking.Enrichment;

/// <summary>
/// desktop, mobile or tablet from Client Hints (<c>Sec-CH-UA-Mobile</c>) and the user agent, by the small
/// rule table in docs/tracking.md. iPadOS Safari presents itself as a Mac; the browser tracker reports
/// touch support to tell those apart.
/// </summary>
public static class DeviceTypes
{
    private static readonly string[] TabletMarks = ["iPad", "Tablet", "Kindle", "Silk/", "PlayBook", "Nexus 7", "Nexus 10", "SM-T", "Tab "];
    private static readonly string[] MobileMarks = ["Mobi", "iPhone", "iPod", "Android", "Windows Phone", "BlackBerry", "BB10", "Opera Mini", "IEMobile"];

    /// <summary>Classifies one request.</summary>
    /// <param name="userAgent">The User-Agent header.</param>
    /// <param name="clientHintMobile">The Sec-CH-UA-Mobile header (<c>?1</c> or <c>?0</c>), when sent.</param>
    /// <param name="touchMac">The browser tracker saw a "Macintosh" with a touch screen (an iPad).</param>
    public static string Classify(string? userAgent, string? clientHintMobile = null, bool touchMac = false)
    {
        var ua = userAgent ?? "";
        if (touchMac && ua.Contains("Macintosh", StringComparison.Ordinal))
            return "tablet";
        if (TabletMarks.Any(m => ua.Contains(m, StringComparison.Ordinal)))
            return "tablet";
        // Android phones say "Mobile"; Android without it is a tablet.
        if (ua.Contains("Android", StringComparison.Ordinal) && !ua.Contains("Mobile", StringComparison.Ordinal))
            return "tablet";
        if (clientHintMobile?.Trim() == "?1")
            return "mobile";
        if (clientHintMobile?.Trim() == "?0")
            return "desktop";
        return MobileMarks.Any(m => ua.Contains(m, StringComparison.Ordinal)) ? "mobile" : "desktop";
    }
}
