using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Visitors;

/// <summary>
/// Visitor and session ids kept in cookies signed with ASP.NET Data Protection, so a shopper cannot
/// post events as somebody else. A cookie that fails the check is replaced, never trusted.
/// </summary>
internal sealed class VisitorCookies(IHttpContextAccessor http, IDataProtectionProvider protection, TimeProvider clock)
    : ICurrentVisitor
{
    public const string VisitorCookie = "nopsegments.vid";
    public const string SessionCookie = "nopsegments.sid";
    private static readonly TimeSpan VisitorLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);

    private readonly IDataProtector protector = protection.CreateProtector("NopSegments.Visitor.v1");
    private (string Visitor, string Session, bool Rejected)? resolved;

    public string VisitorId => Resolve().Visitor;

    public string SessionId => Resolve().Session;

    public bool CookieWasRejected => Resolve().Rejected;

    private (string Visitor, string Session, bool Rejected) Resolve()
    {
        if (resolved is { } known)
            return known;
        var context = http.HttpContext ?? throw new InvalidOperationException("no current HTTP request");
        var (visitor, visitorRejected) = ReadOrIssue(context, VisitorCookie, VisitorLifetime, sliding: false);
        var (session, _) = ReadOrIssue(context, SessionCookie, SessionTimeout, sliding: true);
        resolved = (visitor, session, visitorRejected);
        return resolved.Value;
    }

    private (string Id, bool Rejected) ReadOrIssue(HttpContext context, string cookie, TimeSpan lifetime, bool sliding)
    {
        var raw = context.Request.Cookies[cookie];
        var id = raw is null ? null : Unprotect(raw);
        var rejected = raw is not null && id is null;
        if (id is null || sliding)
        {
            id ??= NewId();
            context.Response.Cookies.Append(cookie, protector.Protect(id), new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Expires = clock.GetUtcNow().Add(lifetime),
            });
        }
        return (id, rejected);
    }

    private string? Unprotect(string raw)
    {
        try
        {
            var id = protector.Unprotect(raw);
            return id.Length is > 0 and <= 64 ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
