using System.Data;
using System.Text.Json;
using NopSegments.Profiles;

namespace NopSegments.Data.Ingestion;

/// <summary>Writes folded profiles back: the state to resume from and the attributes as columns.</summary>
internal static class ProfileRows
{
    private static readonly string[] Columns =
    [
        "updated_at", "orders_count", "total_spent", "average_order_value", "first_order_at", "last_order_at",
        "refunds_count", "discount_orders_count", "discount_orders_share", "sessions_count", "page_views_count", "first_seen_at",
        "last_seen_at", "first_source", "last_source", "device", "country", "cart_items_count", "cart_value", "last_added_to_cart_at",
    ];

    // The type of each column's missing value, so a null binds as the same type its values do: PostgreSQL runs a
    // prepared UPDATE only with the parameter types it was prepared with, and otherwise parses and plans it again.
    private static readonly DbType[] NullTypes =
    [
        DbType.DateTimeOffset, DbType.Int32, DbType.Double, DbType.Double, DbType.DateTimeOffset, DbType.DateTimeOffset,
        DbType.Int32, DbType.Int32, DbType.Double, DbType.Int32, DbType.Int32, DbType.DateTimeOffset,
        DbType.DateTimeOffset, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int32, DbType.Double, DbType.DateTimeOffset,
        DbType.Int64,
    ];

    private static readonly string[] StateColumns = ["state"];
    private static readonly DbType[] StateNullTypes = [DbType.String, DbType.Int64];

    /// <summary>Saves rows made beforehand by <see cref="Values"/> (a few are queued, see <see cref="SqlDialect.UpdateRowsAsync"/>).</summary>
    public static async Task SaveAsync(StatementQueue queue, SqlDialect sql, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        await sql.UpdateRowsAsync(queue, "nopsegments_profiles", "id", Columns, NullTypes, [.. rows.Select(r => r.Attributes)], ct);
        await sql.UpdateRowsAsync(queue, "nopsegments_profile_states", "profile_id", StateColumns, StateNullTypes, [.. rows.Select(r => r.State)], ct);
    }

    /// <summary>A profile's attribute columns and its state row, each with the id last.</summary>
    internal sealed record Row(object?[] Attributes, object?[] State);

    /// <summary>A profile's rows: its attributes as column values, its state as JSON.</summary>
    public static Row Values(long id, ProfileState state, DateTime now)
    {
        var a = new ProfileAccumulator(state).ToAttributes(state.LastSeen ?? now);
        object?[] attributes =
        [
            now, a.OrdersCount, (double)a.TotalSpent, (double?)a.AverageOrderValue,
            a.FirstOrderAt?.UtcDateTime, a.LastOrderAt?.UtcDateTime, a.RefundsCount, a.DiscountOrdersCount,
            (double?)a.DiscountOrdersShare, a.SessionsCount, a.PageViewsCount, a.FirstSeenAt?.UtcDateTime, a.LastSeenAt?.UtcDateTime,
            a.FirstSource, a.LastSource, a.Device, a.Country, a.CartItemsCount, (double)a.CartValue, a.LastAddedToCartAt?.UtcDateTime, id,
        ];
        return new Row(attributes, [JsonSerializer.Serialize(state), id]);
    }
}
