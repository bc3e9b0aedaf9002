using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// The token a served offer carries to the browser: which serve, campaign, variant (none for the holdout) and slot, for
/// which visitor and session, signed with ASP.NET Data Protection and good for a day. The browser must hand it back to
/// report a view, click or close, so it can neither forge one nor report another visitor's.
/// </summary>
internal sealed class OfferTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("NopSegments.Offers").ToTimeLimitedDataProtector();

    /// <summary>What a token says.</summary>
    public sealed record Served(string Id, string Campaign, string? Variant, string Slot, string VisitorId, string SessionId, DateTimeOffset ServedAt);

    public Served New(string campaign, string? variant, string slot, string visitorId, string sessionId) =>
        new(RandomNumberGenerator.GetHexString(24, lowercase: true), campaign, variant, slot, visitorId, sessionId, clock.GetUtcNow());

    public string Protect(Served served) =>
        protector.Protect(JsonSerializer.Serialize(served), clock.GetUtcNow() + Lifetime);

    /// <summary>The serve the token names, or null when it is not one of ours, altered, or expired.</summary>
    public Served? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
            return null;
        try
        {
            // The protector reads expiry against the system clock, so a test's fake clock cannot age a token; a day is long anyway.
            return JsonSerializer.Deserialize<Served>(protector.Unprotect(token, out _));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
