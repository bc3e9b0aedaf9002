using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using NopSegments.Cli.Import;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// <c>nopsegments bench counts &lt;online-retail file&gt; [--copies 229]</c>: the retailer's customers copied with id
/// offsets and time shifts (each order with a product view, every other order with a cart add) to ~1M profiles and
/// ~12M events, stored through ingestion; then each query counted set-based next to the same count hand-written in
/// SQL, in the same run.
/// </summary>
internal static class SegmentCountBench
{
    private static readonly string[] Categories = ["Candles", "Kitchen", "Christmas", "Bags", "Garden", "Cards", "Toys", "Lights"];

    public static async Task<int> RunAsync(FileInfo file, int copies, bool keep, SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var orders = OnlineRetailImporter.Read(file.FullName).InTimeOrder().Where(e => e.Name is EventNames.OrderPlaced).ToList();
        var end = orders[^1].OccurredAt;
        var load = Stopwatch.StartNew();
        if (!keep)
            await LoadAsync(contexts, orders, copies, ct);
        load.Stop();
        return await MeasureAsync(end.AddDays(1), load, contexts, ct);
    }

    private static async Task LoadAsync(SegmentsDbContextFactory contexts, List<StoreEvent> orders, int copies, CancellationToken ct)
    {
        var lifecycle = new ModuleLifecycle(contexts);
        await lifecycle.UninstallAsync(ct);
        await lifecycle.InstallAsync(ct);
        var writer = new IngestionWriter(contexts, TimeProvider.System);
        long stored = 0;
        for (var copy = 0; copy < copies; copy++)
        {
            var events = Copy(orders, copy).OrderBy(e => e.OccurredAt).ToList();
            foreach (var batch in events.Chunk(50_000))
                stored += (await writer.WriteAsync(batch, ct)).Stored;
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{copy + 1}/{copies} copies, {stored:N0} events"));
        }
        Console.Error.WriteLine();
    }

    private static async Task<int> MeasureAsync(DateTimeOffset now, Stopwatch load, SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var (profiles, eventCount) = await SizeAsync(contexts, ct);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provider   {contexts.Provider}: {profiles:N0} profiles, {eventCount:N0} events, stored in {load.Elapsed.TotalSeconds:N0} s"));
        await PurposeBuiltSchema.CreateAsync(contexts, ct);
        Console.Out.WriteLine("query | segment count | SQL over the module's tables | SQL over a purpose-built schema | segment / purpose-built");
        var sql = SqlDialect.For(contexts.Provider);
        var category = sql.JsonText("properties", "category");
        var from7 = (now - TimeSpan.FromDays(7)).UtcDateTime;
        var from365 = (now - TimeSpan.FromDays(365)).UtcDateTime;
        var from1 = (now - TimeSpan.FromDays(1)).UtcDateTime;
        var (viewed, carted, ordered) = (PurposeBuiltSchema.Types["product_viewed"], PurposeBuiltSchema.Types["added_to_cart"], PurposeBuiltSchema.Types["order_placed"]);
        var candles = PurposeBuiltSchema.Category("Candles");
        string Window(string table, string condition) =>
            $"SELECT COUNT(*) FROM (SELECT profile_id FROM {table} WHERE {condition} AND occurred_at > @a AND occurred_at <= @b GROUP BY profile_id HAVING COUNT(*) >= 2) x";
        const string Rfm = "SELECT COUNT(*) FROM (SELECT 1 + (5 * (RANK() OVER (ORDER BY last_order_at) - 1)) / COUNT(*) OVER () AS r, " +
            "1 + (5 * (RANK() OVER (ORDER BY orders_count) - 1)) / COUNT(*) OVER () AS f FROM {0} WHERE orders_count > 0) x WHERE r >= 4 AND f >= 4";
        var cases = new (string Query, string Module, string PurposeBuilt, object[] Parameters)[]
        {
            ("orders_count >= 3 AND total_spent > 500",
                "SELECT COUNT(*) FROM nopsegments_profiles WHERE orders_count >= 3 AND total_spent > 500",
                "SELECT COUNT(*) FROM pb_profiles WHERE orders_count >= 3 AND total_spent > 500", []),
            ("product_viewed(category = \"Candles\", within 7d) >= 2",
                Window("nopsegments_events", $"name = 'product_viewed' AND {category} = 'Candles'"),
                Window("pb_events", $"type = {viewed} AND category = {candles}"), [from7, now.UtcDateTime]),
            ("product_viewed(category = \"Candles\", within 365d) >= 2",
                Window("nopsegments_events", $"name = 'product_viewed' AND {category} = 'Candles'"),
                Window("pb_events", $"type = {viewed} AND category = {candles}"), [from365, now.UtcDateTime]),
            ("added_to_cart(within 1d) AND NOT order_placed(within 1d)",
                "SELECT COUNT(*) FROM (SELECT DISTINCT profile_id FROM nopsegments_events WHERE name = 'added_to_cart' AND occurred_at > @a AND occurred_at <= @b " +
                "EXCEPT SELECT profile_id FROM nopsegments_events WHERE name = 'order_placed' AND occurred_at > @a AND occurred_at <= @b) x",
                $"SELECT COUNT(*) FROM (SELECT DISTINCT profile_id FROM pb_events WHERE type = {carted} AND occurred_at > @a AND occurred_at <= @b " +
                $"EXCEPT SELECT profile_id FROM pb_events WHERE type = {ordered} AND occurred_at > @a AND occurred_at <= @b) x", [from1, now.UtcDateTime]),
            ("rfm_recency >= 4 AND rfm_frequency >= 4",
                string.Format(CultureInfo.InvariantCulture, Rfm, "nopsegments_profiles"), string.Format(CultureInfo.InvariantCulture, Rfm, "pb_profiles"), []),
        };
        var segments = new SetBasedSegments(contexts);
        foreach (var (text, module, purposeBuilt, parameters) in cases)
        {
            var query = SegmentQuery.Parse(text);
            // All three once to warm the page cache, then each three times in turn; the medians are compared.
            var count = await segments.CountAsync(query, now, ct);
            var expected = await ScalarAsync(contexts, module, parameters, ct);
            var best = await ScalarAsync(contexts, purposeBuilt, parameters, ct);
            var (ours, theirs, fastest) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
            for (var run = 0; run < 3; run++)
            {
                ours.Add(await TimeAsync(() => segments.CountAsync(query, now, ct)));
                theirs.Add(await TimeAsync(() => ScalarAsync(contexts, module, parameters, ct)));
                fastest.Add(await TimeAsync(() => ScalarAsync(contexts, purposeBuilt, parameters, ct)));
            }
            var note = count == expected && count == best ? "" : string.Create(CultureInfo.InvariantCulture, $"  (hand-written counts {expected:N0} and {best:N0})");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{text} | {count:N0} in {Median(ours).TotalSeconds:0.000} s | {Median(theirs).TotalSeconds:0.000} s | {Median(fastest).TotalSeconds:0.000} s | {Median(ours) / Median(fastest):0.00}×{note}"));
        }
        await SegmentEditBench.RunAsync(contexts, now, ct);
        await AdminListBench.RunAsync(contexts, now, ct);
        return 0;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<long>> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);

    private static IEnumerable<StoreEvent> Copy(List<StoreEvent> orders, int copy)
    {
        var shift = TimeSpan.FromMinutes(-37 * copy);
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var customer = (long.Parse(order.CustomerId!, CultureInfo.InvariantCulture) + (100_000L * copy)).ToString(CultureInfo.InvariantCulture);
            var at = order.OccurredAt + shift;
            var visitor = "c-" + customer;
            var properties = new Dictionary<string, object?>
            {
                ["category"] = Categories[(i + copy) % Categories.Length], ["sku"] = $"S{i % 500}", ["price"] = 4.95m, ["source"] = "direct",
            };
            yield return new StoreEvent(EventNames.ProductViewed, visitor, at.AddMinutes(-20)) { CustomerId = customer, SessionId = visitor + "-" + i, Properties = properties };
            if (i % 2 == 0)
                yield return new StoreEvent(EventNames.AddedToCart, visitor, at.AddMinutes(-10))
                { CustomerId = customer, SessionId = visitor + "-" + i, Properties = new Dictionary<string, object?>(properties) { ["quantity"] = 1 } };
            yield return order with
            {
                EventId = EventIds.From($"bench:{copy}:{order.EventId}"), VisitorId = visitor, CustomerId = customer, OccurredAt = at, SessionId = visitor + "-" + i,
            };
        }
    }

    private static async Task<(long Profiles, long Events)> SizeAsync(SegmentsDbContextFactory contexts, CancellationToken ct) =>
        (await ScalarAsync(contexts, "SELECT COUNT(*) FROM nopsegments_profiles", [], ct), await ScalarAsync(contexts, "SELECT COUNT(*) FROM nopsegments_events", [], ct));

    private static async Task<long> ScalarAsync(SegmentsDbContextFactory contexts, string text, object[] parameters, CancellationToken ct)
    {
        await using DbConnection connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        command.CommandTimeout = 600;
        for (var i = 0; i < parameters.Length; i++)
            command.AddParameter(i == 0 ? "@a" : "@b", parameters[i]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
