using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Tracking;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

public sealed class EventStoreTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Events_are_read_back_newest_first_with_their_properties(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var (writer, store) = await InstalledAsync(provider, db);

        await writer.WriteAsync(
        [
            new StoreEvent("product_viewed", "v1", Noon) { SessionId = "s1", Properties = new Dictionary<string, object?> { ["sku"] = "85123A", ["price"] = 2.55m } },
            new StoreEvent("order_placed", "v1", Noon.AddMinutes(5)) { CustomerId = "17850", Properties = new Dictionary<string, object?> { ["order_id"] = "W1", ["value"] = 15.3m } },
            new StoreEvent("searched", "v2", Noon.AddMinutes(1)) { Properties = new Dictionary<string, object?> { ["query"] = "pots & pans" } },
        ]);

        var v1 = await store.RecentAsync(new EventFilter("v1", null));
        Assert.Equal(["order_placed", "product_viewed"], v1.Select(e => e.Name));
        Assert.Equal("17850", v1[0].CustomerId);
        Assert.Equal(Noon.AddMinutes(5).UtcDateTime, v1[0].OccurredAt);
        Assert.Equal("""{"sku":"85123A","price":2.55}""", v1[1].Properties);
        Assert.Equal("""{"query":"pots & pans"}""", (await store.RecentAsync(new EventFilter("v2", null)))[0].Properties);
        Assert.Single(await store.RecentAsync(new EventFilter(null, "searched")));
        // The customer id names the whole profile, including what its visitor did before the order.
        Assert.Equal(["order_placed", "product_viewed"], (await store.RecentAsync(new EventFilter("17850", null))).Select(e => e.Name));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task The_whole_stores_newest_events_come_first_whatever_their_names(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var (writer, store) = await InstalledAsync(provider, db);
        string[] names = ["page_viewed", "searched", "product_viewed", "added_to_cart", "page_viewed", "order_placed", "searched"];
        await writer.WriteAsync([.. names.Select((name, i) => new StoreEvent(name, $"v{i % 3}", Noon.AddMinutes(i)))]);
        // Two events of one instant: the one stored later is the newer.
        await writer.WriteAsync([new StoreEvent("page_viewed", "v9", Noon.AddMinutes(6)), new StoreEvent("category_viewed", "v9", Noon.AddMinutes(6))]);

        var newest = await store.RecentAsync(new EventFilter(null, null, 4));

        Assert.Equal(["category_viewed", "page_viewed", "searched", "order_placed"], newest.Select(e => e.Name));
        Assert.Equal(Noon.AddMinutes(5).UtcDateTime, newest[3].OccurredAt);
        Assert.Equal(9, (await store.RecentAsync(new EventFilter(null, null))).Count);
        // The admin's empty search box sends empty strings.
        Assert.Equal(newest.Select(e => e.Name), (await store.RecentAsync(new EventFilter("", "", 4))).Select(e => e.Name));
    }

    private static async Task<(IngestionWriter, EventStore)> InstalledAsync(DatabaseProvider provider, TestDatabase db)
    {
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        await new ModuleLifecycle(contexts).InstallAsync();
        return (new IngestionWriter(contexts, TimeProvider.System), new EventStore(contexts));
    }
}
