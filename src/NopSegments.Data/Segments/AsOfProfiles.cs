using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// The profile attributes that are sums, counts and extremes of a profile's events, recomputed in one grouped scan of
/// the events up to <c>@existed_by</c>: what a set-based count reads in place of the materialized columns at an instant
/// before the newest stored event. The rest (sources, device, country, cart, interests, the customer id then) depend
/// on the order of the events and are left to profile-by-profile evaluation. Each expression is the fold's
/// (<c>ProfileAccumulator</c>); sums are rounded to 6 decimals and ratios to 12, where the fold's decimals are exact
/// and SQLite's sums are binary floating point.
/// </summary>
internal static class AsOfProfiles
{
    /// <summary>The attribute columns (and traits) the relation carries, with id and the current customer_id.</summary>
    public static readonly IReadOnlySet<string> Columns = new HashSet<string>(StringComparer.Ordinal)
    {
        "traits", "orders_count", "total_spent", "average_order_value", "first_order_at", "last_order_at", "refunds_count",
        "discount_orders_count", "discount_orders_share", "sessions_count", "page_views_count", "first_seen_at", "last_seen_at",
        "last_added_to_cart_at",
    };

    /// <summary>A relation of every profile with an event by <c>@existed_by</c>, its attributes as of then.</summary>
    public static string Relation(SqlDialect sql)
    {
        var value = $"COALESCE({sql.JsonNumber("e.properties", "value")}, 0)";
        var discount = sql.JsonText("e.properties", "discount_code");
        var aggregates = string.Join(", ",
            $"SUM({Named(EventNames.OrderPlaced, "1", "0")}) AS orders_count",
            $"ROUND(SUM({Named(EventNames.OrderPlaced, value, "0")}), 6) AS order_value",
            $"ROUND(SUM(CASE e.name WHEN '{EventNames.OrderPlaced}' THEN {value} WHEN '{EventNames.OrderRefunded}' THEN -{value} ELSE 0 END), 6) AS total_spent",
            $"MIN({Named(EventNames.OrderPlaced, "e.occurred_at", "NULL")}) AS first_order_at",
            $"MAX({Named(EventNames.OrderPlaced, "e.occurred_at", "NULL")}) AS last_order_at",
            $"SUM({Named(EventNames.OrderRefunded, "1", "0")}) AS refunds_count",
            $"SUM(CASE WHEN e.name = '{EventNames.OrderPlaced}' AND {discount} IS NOT NULL AND {discount} <> '' THEN 1 ELSE 0 END) AS discount_orders_count",
            $"SUM(CASE WHEN e.name IN ('{EventNames.PageViewed}', '{EventNames.ProductViewed}', '{EventNames.CategoryViewed}') THEN 1 ELSE 0 END) AS page_views_count",
            "COUNT(DISTINCT e.session_id) AS sessions_count",
            "MIN(e.occurred_at) AS first_seen_at",
            "MAX(e.occurred_at) AS last_seen_at",
            $"MAX(CASE WHEN e.name = '{EventNames.AddedToCart}' AND {sql.JsonText("e.properties", "sku")} IS NOT NULL THEN e.occurred_at END) AS last_added_to_cart_at");
        return "(SELECT pr.id, pr.customer_id, pr.traits, a.orders_count, a.total_spent, " +
            "CASE WHEN a.orders_count > 0 THEN ROUND(a.order_value / a.orders_count, 12) END AS average_order_value, " +
            "a.first_order_at, a.last_order_at, a.refunds_count, a.discount_orders_count, " +
            "CASE WHEN a.orders_count > 0 THEN ROUND(1.0 * a.discount_orders_count / a.orders_count, 12) END AS discount_orders_share, " +
            "a.sessions_count, a.page_views_count, a.first_seen_at, a.last_seen_at, a.last_added_to_cart_at " +
            $"FROM nopsegments_profiles pr JOIN (SELECT e.profile_id, {aggregates} FROM nopsegments_events e " +
            "WHERE e.profile_id IS NOT NULL AND e.occurred_at <= @existed_by GROUP BY e.profile_id) a ON a.profile_id = pr.id)";
    }

    private static string Named(string name, string then, string otherwise) => $"CASE WHEN e.name = '{name}' THEN {then} ELSE {otherwise} END";
}
