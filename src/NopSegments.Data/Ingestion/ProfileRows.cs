using System.Data.Common;
using System.Text.Json;
using NopSegments.Profiles;

namespace NopSegments.Data.Ingestion;

/// <summary>Writes folded profiles back: the state to resume from and the attributes as columns.</summary>
internal static class ProfileRows
{
    private const string Update =
        "UPDATE nopsegments_profiles SET updated_at = @updated, state = @state, orders_count = @orders, total_spent = @spent, " +
        "average_order_value = @aov, first_order_at = @first_order, last_order_at = @last_order, refunds_count = @refunds, " +
        "discount_orders_count = @discount_orders, discount_orders_share = @discount_share, sessions_count = @sessions, " +
        "page_views_count = @views, first_seen_at = @first_seen, last_seen_at = @last_seen, first_source = @first_source, " +
        "last_source = @last_source, device = @device, country = @country, cart_items_count = @cart_items, cart_value = @cart_value, " +
        "last_added_to_cart_at = @cart_at WHERE id = @id";

    private static readonly string[] Parameters =
    [
        "@updated", "@state", "@orders", "@spent", "@aov", "@first_order", "@last_order", "@refunds", "@discount_orders",
        "@discount_share", "@sessions", "@views", "@first_seen", "@last_seen", "@first_source", "@last_source", "@device",
        "@country", "@cart_items", "@cart_value", "@cart_at", "@id",
    ];

    public static Task SaveAsync(
        DbConnection connection, DbTransaction tx, SqlDialect sql, IEnumerable<(long Id, ProfileState State)> profiles, DateTime now, CancellationToken ct) =>
        sql.ExecuteForEachAsync(connection, tx, Update, Parameters, profiles.Select(p => Values(p.Id, p.State, now)), ct);

    private static object?[] Values(long id, ProfileState state, DateTime now)
    {
        var a = new ProfileAccumulator(state).ToAttributes(state.LastSeen ?? now);
        return
        [
            now, JsonSerializer.Serialize(state), a.OrdersCount, (double)a.TotalSpent, (double?)a.AverageOrderValue,
            a.FirstOrderAt?.UtcDateTime, a.LastOrderAt?.UtcDateTime, a.RefundsCount, a.DiscountOrdersCount,
            (double?)a.DiscountOrdersShare, a.SessionsCount, a.PageViewsCount, a.FirstSeenAt?.UtcDateTime, a.LastSeenAt?.UtcDateTime,
            a.FirstSource, a.LastSource, a.Device, a.Country, a.CartItemsCount, (double)a.CartValue, a.LastAddedToCartAt?.UtcDateTime, id,
        ];
    }
}
