using System.Globalization;
using NopSegments.Data;
using NopSegments.Data.Ingestion;

namespace NopSegments.Cli.Bench;

/// <summary>
/// What the database can do at best with the same rows: a schema built for these counts alone, in the same database —
/// narrow profiles (the columns the queries read), events reduced to profile, type and category as small integers and
/// time, one index fitting each event condition. <c>bench counts</c> compares the module's counts with it.
/// </summary>
internal static class PurposeBuiltSchema
{
    /// <summary>The event types the bench's queries read, as the small integers the purpose-built table keeps.</summary>
    public static readonly IReadOnlyDictionary<string, int> Types = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["product_viewed"] = 1, ["added_to_cart"] = 2, ["order_placed"] = 3,
    };

    public static async Task CreateAsync(SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var types = string.Join(" ", Types.Select(t => $"WHEN '{t.Key}' THEN {t.Value.ToString(CultureInfo.InvariantCulture)}"));
        string[] statements =
        [
            "DROP TABLE IF EXISTS pb_events",
            "DROP TABLE IF EXISTS pb_categories",
            "DROP TABLE IF EXISTS pb_profiles",
            "CREATE TABLE pb_categories AS SELECT category, ROW_NUMBER() OVER (ORDER BY category) AS id " +
                "FROM (SELECT DISTINCT category FROM nopsegments_events WHERE category IS NOT NULL) c",
            $"CREATE TABLE pb_events AS SELECT e.profile_id, CASE e.name {types} END AS type, c.id AS category, e.occurred_at " +
                $"FROM nopsegments_events e LEFT JOIN pb_categories c ON c.category = e.category WHERE e.name IN ({string.Join(", ", Types.Keys.Select(k => $"'{k}'"))})",
            "CREATE INDEX pb_events_condition ON pb_events (type, category, occurred_at, profile_id)",
            "CREATE TABLE pb_profiles AS SELECT id, orders_count, total_spent, last_order_at FROM nopsegments_profiles",
            "ANALYZE",
        ];
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.CommandTimeout = 1200;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The purpose-built table's id of a category as the module keeps it (lower-cased).</summary>
    public static string Category(string category) =>
        $"(SELECT id FROM pb_categories WHERE category = '{category.ToLowerInvariant()}')";
}
