using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Cart;

/// <summary>
/// Signed links that rebuild a cart in any browser: the lines ride in the link, protected and time-limited with the
/// store's Data Protection keys, so nobody can forge one and an old email's link stops working (default 30 days).
/// </summary>
internal sealed class CartRestoreLinks(IDataProtectionProvider protection, IStoreContext store, IConfiguration configuration)
{
    public sealed record Line(string Sku, int Quantity);

    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("HearthHolly.CartRestore.v1").ToTimeLimitedDataProtector();

    private TimeSpan Lifetime => TimeSpan.FromDays(configuration.GetValue("Cart:RestoreLinkDays", 30));

    public Uri Create(IEnumerable<Line> lines, DateTimeOffset? expires = null)
    {
        var token = protector.Protect(JsonSerializer.Serialize(lines.ToList()), expires ?? DateTimeOffset.UtcNow + Lifetime);
        return new Uri(store.Current.Url, $"cart/restore?token={Uri.EscapeDataString(token)}");
    }

    /// <summary>The link's lines, or null when it was tampered with, is not one of this store's, or has expired.</summary>
    public IReadOnlyList<Line>? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            return null;
        try
        {
            return JsonSerializer.Deserialize<List<Line>>(protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
