using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NopSegments.Web.Visitors;

/// <summary>
/// Signs and checks the visitor cookies with Data Protection. A busy visitor sends the same ciphertext on
/// every request, so values that already passed the check (and sessions already parsed) are remembered:
/// same input, same output, so caching changes no decision. Bounded. Looked up by the header's own characters, so a
/// remembered cookie costs no string.
/// </summary>
internal sealed class VisitorCookieProtector(IDataProtectionProvider protection)
{
    private const int Capacity = 50_000;
    private readonly IDataProtector protector = protection.CreateProtector("NopSegments.Visitor.v1");
    private readonly ConcurrentDictionary<string, string> verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VisitorSession> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (VisitorSession Session, string Cookie)> refreshed = new(StringComparer.Ordinal);

    public string Protect(string value) => protector.Protect(value);

    /// <summary>The signed value, or null when the cookie was not signed by this shop.</summary>
    public string? Unprotect(ReadOnlySpan<char> raw) =>
        verified.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(raw, out var known) ? known : Unprotect(CookieHeader.Decoded(raw));

    /// <summary>The session a session cookie carries, or null when it is not a valid one.</summary>
    public VisitorSession? Session(ReadOnlySpan<char> raw)
    {
        if (sessions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(raw, out var known))
            return known;
        // Cookies this shop signs never hold escapes; another's may, and are checked as the browser meant them.
        var cookie = CookieHeader.Decoded(raw);
        if (Unprotect(cookie) is not { } json)
            return null;
        try
        {
            if (JsonSerializer.Deserialize<VisitorSession>(json) is not { } session)
                return null;
            Remember(sessions, cookie, session);
            return session;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The session slid forward to <paramref name="now"/> and its signed cookie. Requests that still carry the same
    /// stale cookie within <paramref name="every"/> (a page's parallel requests, a client that keeps no cookies) get
    /// the same new cookie instead of each signing one of its own.
    /// </summary>
    public (VisitorSession Session, string Cookie) Refresh(string raw, VisitorSession stale, DateTimeOffset now, TimeSpan every)
    {
        if (refreshed.TryGetValue(raw, out var known) && now - known.Session.RefreshedAt < every)
            return known;
        var session = stale with { RefreshedAt = now };
        var fresh = (session, Protect(JsonSerializer.Serialize(session)));
        Remember(refreshed, raw, fresh);
        return fresh;
    }

    private string? Unprotect(string cookie)
    {
        if (verified.TryGetValue(cookie, out var known))
            return known;
        try
        {
            var value = protector.Unprotect(cookie);
            Remember(verified, cookie, value);
            return value;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string raw, T value)
    {
        if (cache.Count >= Capacity)
            cache.Clear();
        cache[raw] = value;
    }
}
