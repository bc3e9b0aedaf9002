using System.Diagnostics;
using System.Globalization;
using NopSegments.Cli.Import;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Language;
using NopSegments.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// <c>nopsegments bench membership &lt;online-retail file&gt;</c>: the retailer's year stored, 50 live segments saved,
/// then live events (views, cart adds, orders) for existing customers, one per transaction as in durable mode,
/// timing the incremental membership step of each.
/// </summary>
internal static class MembershipBench
{
    private static readonly DateTimeOffset Now = new(2011, 12, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Words = ["heart", "lantern", "bag", "cake", "candle", "christmas", "vintage", "glass", "mug", "card"];

    public static async Task<int> RunAsync(FileInfo file, int events, SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var lifecycle = new ModuleLifecycle(contexts);
        await lifecycle.UninstallAsync(ct);
        await lifecycle.InstallAsync(ct);
        var writer = new IngestionWriter(contexts, new FixedClock(Now));
        var customers = await StoreHistoryAsync(file, writer, ct);
        var segments = Segments();
        await SaveAsync(contexts, segments, ct);

        var random = new Random(42);
        // As many events again first, untimed and earlier (a live store's events arrive in time order): the evaluation
        // code is still being compiled (tiered JIT) during the first thousands, and the history's garbage is collected
        // before timing starts, as in a store that has been up.
        for (var i = 0; i < events; i++)
            await writer.WriteAsync([LiveEvent(customers[random.Next(customers.Count)], i, random)], ct);
        GC.Collect();
        var timings = new List<double>(events);
        var writes = new List<double>(events);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var collections = GC.CollectionCount(0);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            var customer = customers[random.Next(customers.Count)];
            var started = Stopwatch.GetTimestamp();
            await writer.WriteAsync([LiveEvent(customer, events + i, random)], ct);
            writes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            timings.Add(writer.LastMembershipTime.TotalMilliseconds);
        }
        total.Stop();
        allocated = (GC.GetTotalAllocatedBytes(true) - allocated) / events;
        collections = GC.CollectionCount(0) - collections;
        timings.Sort();
        writes.Sort();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provider            {contexts.Provider}"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live segments       {segments.Count} ({segments.Count(s => !SegmentQuery.Parse(s.Query).UsesRfm)} evaluated per event; RFM ones on save)"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events              {events:N0}, one per transaction, {events / total.Elapsed.TotalSeconds:N0} events/s end to end"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"membership p50      {timings[timings.Count / 2]:0.000} ms"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"membership p99      {timings[(int)(timings.Count * 0.99)]:0.000} ms"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"membership max      {timings[^1]:0.000} ms"));
        // The whole transaction too: on a server membership's reads ride with the writer's first round trip, its
        // writes with the commit, so what they add shows here and not in the step above.
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole write p50     {writes[writes.Count / 2]:0.000} ms"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole write p99     {writes[(int)(writes.Count * 0.99)]:0.000} ms"));
        // The writer's garbage is collected while some event waits: fewer collections, fewer slow events.
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated           {allocated / 1024.0:N0} KB per event (the whole write), {collections} collections while timing"));
        return 0;
    }

    private static List<SegmentTemplate> Segments()
    {
        var all = new List<SegmentTemplate>(SegmentTemplates.All);
        for (var i = 0; all.Count < 50; i++)
        {
            var word = Words[i % Words.Length];
            all.Add((i % 4) switch
            {
                0 => new($"bought-{word}-{i}", word, "", $"product_ordered(product_name CONTAINS \"{word}\", within {30 + i}d) >= 2"),
                1 => new($"spend-{i}", "spend", "", $"orders_count >= {1 + i / 4} AND total_spent > {100 * i}"),
                2 => new($"browsing-{word}-{i}", word, "", $"product_viewed(product_name CONTAINS \"{word}\", within {1 + i % 7}d) >= 2 AND cart_items_count = 0"),
                _ => new($"carts-{i}", "carts", "", $"added_to_cart(within {1 + i % 3}d) AND NOT order_placed(within {1 + i % 3}d) AND last_seen_at < -{10 + i}m"),
            });
        }
        return all;
    }

    private static StoreEvent LiveEvent(string customer, int i, Random random)
    {
        var word = Words[random.Next(Words.Length)];
        var name = (i % 10) switch { < 6 => EventNames.ProductViewed, < 9 => EventNames.AddedToCart, _ => EventNames.OrderPlaced };
        var properties = new Dictionary<string, object?> { ["source"] = "direct", ["device"] = "desktop" };
        if (name == EventNames.OrderPlaced)
        {
            properties["order_id"] = $"live-{i}";
            properties["value"] = 25m;
            properties["currency"] = "GBP";
        }
        else
        {
            properties["sku"] = $"SKU{i % 50}";
            properties["product_name"] = $"{word} gift {i % 50}";
            properties["price"] = 4.95m;
            if (name == EventNames.AddedToCart)
                properties["quantity"] = 1;
        }
        return new StoreEvent(name, "c-" + customer, Now.AddSeconds(-600 + i * 0.1)) { CustomerId = customer, SessionId = $"live-{customer}", Properties = properties };
    }

    /// <summary>Saved straight into the table, unmaterialized: members arrive with the live events, as they are measured.</summary>
    private static async Task SaveAsync(SegmentsDbContextFactory contexts, List<SegmentTemplate> segments, CancellationToken ct)
    {
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        foreach (var segment in segments)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO nopsegments_segments (slug, name, query, version, created_at, updated_at, materialized_at) " +
                "VALUES (@slug, @name, @query, 1, @now, @now, @now)";
            command.AddParameter("@slug", segment.Slug);
            command.AddParameter("@name", segment.Name);
            command.AddParameter("@query", SegmentQuery.Parse(segment.Query).Text);
            command.AddParameter("@now", Now.UtcDateTime);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Stores the retailer's year and returns its customers; the history itself is not kept in memory.</summary>
    private static async Task<List<string>> StoreHistoryAsync(FileInfo file, IngestionWriter writer, CancellationToken ct)
    {
        var history = OnlineRetailImporter.Read(file.FullName).InTimeOrder();
        foreach (var batch in history.Chunk(20_000))
            await writer.WriteAsync(batch, ct);
        return history.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
