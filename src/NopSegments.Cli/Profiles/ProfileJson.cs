using System.Text.Encodings.Web;
using System.Text.Json;
using NopSegments.Profiles;

namespace NopSegments.Cli.Profiles;

/// <summary>A profile's attributes under the segment language's names; a missing value is null.</summary>
internal static class ProfileJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SortedDictionary<string, object?> Write(string key, DateTimeOffset asOf, ProfileAttributes a, RfmScore? rfm) => new(StringComparer.Ordinal)
    {
        ["profile_key"] = key,
        ["as_of"] = asOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["customer_id"] = a.CustomerId,
        ["orders_count"] = a.OrdersCount,
        ["total_spent"] = a.TotalSpent,
        ["average_order_value"] = a.AverageOrderValue is { } aov ? Math.Round(aov, 4) : null,
        ["first_order_at"] = a.FirstOrderAt?.UtcDateTime,
        ["last_order_at"] = a.LastOrderAt?.UtcDateTime,
        ["refunds_count"] = a.RefundsCount,
        ["discount_orders_count"] = a.DiscountOrdersCount,
        ["discount_orders_share"] = a.DiscountOrdersShare is { } share ? Math.Round(share, 4) : null,
        ["sessions_count"] = a.SessionsCount,
        ["page_views_count"] = a.PageViewsCount,
        ["first_seen_at"] = a.FirstSeenAt?.UtcDateTime,
        ["last_seen_at"] = a.LastSeenAt?.UtcDateTime,
        ["first_source"] = a.FirstSource,
        ["last_source"] = a.LastSource,
        ["device"] = a.Device,
        ["country"] = a.Country,
        ["cart_items_count"] = a.CartItemsCount,
        ["cart_value"] = a.CartValue,
        ["last_added_to_cart_at"] = a.LastAddedToCartAt?.UtcDateTime,
        ["rfm_recency"] = rfm?.Recency,
        ["rfm_frequency"] = rfm?.Frequency,
        ["rfm_monetary"] = rfm?.Monetary,
        ["interests"] = new SortedDictionary<string, double>(
            a.Interests.ToDictionary(i => i.Key, i => Math.Round(i.Value, 4)), StringComparer.Ordinal),
    };
}
