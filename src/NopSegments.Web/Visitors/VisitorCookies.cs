using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Visitors;

/// <summary>
/// Visitor id and session kept in cookies signed with ASP.NET Data Protection, so a shopper cannot post
/// events as somebody else or rewrite where their session came from. A cookie that fails the check is
/// replaced, never trusted.
/// </summary>
internal sealed class VisitorCookies : ICurrentVisitor
{
    public const string VisitorCookie = "nopsegments.vid";
    public const string SessionCookie = "nopsegments.sid";
    private static readonly TimeSpan VisitorLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);
    // The sliding session cookie is rewritten at most once a minute: 30 minutes of silence, give or take one.
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly IHttpContextAccessor? http;
    private readonly HttpContext? request;
    private readonly VisitorCookieProtector protector;
    private readonly ModuleSettings settings;
    private readonly GeoLocator geo;
    private readonly TimeProvider clock;
    private (string Id, bool Returning, bool Rejected)? visitor;
    private VisitorSession? session;

    /// <summary>The request's visitor as the host's services see it (a scoped service).</summary>
    public VisitorCookies(IHttpContextAccessor http, VisitorCookieProtector protector, ModuleSettings settings, GeoLocator geo, TimeProvider clock)
        : this(protector, settings, geo, clock) => this.http = http;

    // The tracking endpoint's: it has its request at hand and needs no DI scope for it. Not public, so DI never picks it.
    internal VisitorCookies(HttpContext request, VisitorCookieProtector protector, ModuleSettings settings, GeoLocator geo, TimeProvider clock)
        : this(protector, settings, geo, clock) => this.request = request;

    private VisitorCookies(VisitorCookieProtector protector, ModuleSettings settings, GeoLocator geo, TimeProvider clock)
    {
        this.protector = protector;
        this.settings = settings;
        this.geo = geo;
        this.clock = clock;
    }

    private HttpContext Context => request ?? http?.HttpContext ?? throw new InvalidOperationException("no current HTTP request");

    public bool MayTrack => TrackingConsent.Refusal(Context.Request, settings) is null;

    public string VisitorId => Visitor().Id;

    public bool CookieWasRejected => Visitor().Rejected;

    /// <summary>True when the request carried this shop's visitor cookie: the visitor was here before.</summary>
    public bool IsReturning => Visitor().Returning;

    public string SessionId => Session.Id;

    public VisitorSession Session => session ??= ReadSession() ?? StartSession(
        new Uri(Context.Request.GetEncodedUrl()), Absolute(Context.Request.Headers.Referer.ToString()));

    public VisitorSession EnsureSession(string landingUrl, string? referrer) =>
        session ??= ReadSession() ?? (Absolute(landingUrl) is { } landing ? StartSession(landing, Absolute(referrer)) : Session);

    public void StartOver()
    {
        var id = NewId();
        Write(VisitorCookie, id, VisitorLifetime);
        if (!Context.Response.HasStarted)
            Context.Response.Cookies.Delete(SessionCookie);
        visitor = (id, false, false);
        session = null;
    }

    private (string Id, bool Returning, bool Rejected) Visitor()
    {
        if (visitor is { } known)
            return known;
        var raw = CookieHeader.Raw(Context.Request, VisitorCookie);
        var id = raw.IsEmpty ? null : protector.Unprotect(raw);
        if (id is { Length: > 0 and <= 64 })
        {
            visitor = (id, true, false);
            return visitor.Value;
        }
        id = NewId();
        Write(VisitorCookie, id, VisitorLifetime);
        visitor = (id, false, !raw.IsEmpty);
        return visitor.Value;
    }

    private VisitorSession? ReadSession()
    {
        var raw = CookieHeader.Raw(Context.Request, SessionCookie);
        if (raw.IsEmpty || protector.Session(raw) is not { } existing)
            return null;
        var now = clock.GetUtcNow();
        if (now - existing.RefreshedAt < RefreshEvery)
            return existing;
        var (refreshed, cookie) = protector.Refresh(raw.ToString(), existing, now, RefreshEvery);
        WriteSigned(SessionCookie, cookie, SessionTimeout); // sliding: 30 minutes from the latest activity
        return refreshed;
    }

    private VisitorSession StartSession(Uri landing, Uri? referrer)
    {
        var headers = Context.Request.Headers;
        var started = VisitorSession.Start(NewId(), landing, referrer, headers.UserAgent.ToString(), headers["Sec-CH-UA-Mobile"].ToString())
            with { Country = geo.Locate(Context.Connection.RemoteIpAddress).Country, RefreshedAt = clock.GetUtcNow() };
        Write(SessionCookie, JsonSerializer.Serialize(started), SessionTimeout);
        return started;
    }

    private void Write(string cookie, string value, TimeSpan lifetime) => WriteSigned(cookie, protector.Protect(value), lifetime);

    private void WriteSigned(string cookie, string signed, TimeSpan lifetime)
    {
        if (Context.Response.HasStarted)
            return;
        Context.Response.Cookies.Append(cookie, signed, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Context.Request.IsHttps,
            Expires = clock.GetUtcNow().Add(lifetime),
        });
    }

    private static Uri? Absolute(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute : null;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
