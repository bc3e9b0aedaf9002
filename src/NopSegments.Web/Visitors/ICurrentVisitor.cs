namespace NopSegments.Web.Visitors;

/// <summary>The visitor behind the current request, from the module's signed cookies.</summary>
public interface ICurrentVisitor
{
    /// <summary>The visitor's id; a new visitor gets one (and its cookie) on first use.</summary>
    string VisitorId { get; }

    /// <summary>The browsing session; a new one starts after 30 minutes without activity.</summary>
    string SessionId { get; }

    /// <summary>The session with its traffic source and device.</summary>
    VisitorSession Session { get; }

    /// <summary>
    /// False when the browser sends Do Not Track / Global Privacy Control (and the shop honours it), or
    /// when tracking waits for consent that was not given. Hosts check it before tracking or touching ids.
    /// </summary>
    bool MayTrack { get; }

    /// <summary>True when the request carried a visitor cookie that failed its signature check.</summary>
    bool CookieWasRejected { get; }

    /// <summary>
    /// Starts the session from a page the browser tracker reports (its absolute URL and referrer) when the
    /// request itself is not that page; a running session is kept as it is. A URL that is not absolute
    /// counts as absent: the request's own URL is the landing page.
    /// </summary>
    VisitorSession EnsureSession(string landingUrl, string? referrer);

    /// <summary>
    /// Forgets this browser's visitor and session and gives it a new visitor cookie: what it does next belongs to a new,
    /// anonymous visitor. Hosts call it when a customer logs out, so the next person on a shared device is not added to
    /// the last customer's profile.
    /// </summary>
    void StartOver();
}
