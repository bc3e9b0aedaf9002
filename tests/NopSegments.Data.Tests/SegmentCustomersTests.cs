using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>What a host mirrors into its customer groups: each saved segment's members that are customers, anonymous ones left out.</summary>
public sealed class SegmentCustomersTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_segment_lists_its_customer_members_and_leaves_anonymous_ones_out(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        await new IngestionWriter(contexts, TimeProvider.System).WriteAsync(
        [
            new StoreEvent(EventNames.AddedToCart, "v-ann", at) { CustomerId = "17", Properties = new Dictionary<string, object?> { ["sku"] = "A", ["price"] = 2m, ["quantity"] = 1 } },
            new StoreEvent(EventNames.AddedToCart, "v-anon", at) { Properties = new Dictionary<string, object?> { ["sku"] = "B", ["price"] = 3m, ["quantity"] = 1 } },
            new StoreEvent(EventNames.AddedToCart, "v-bob", at) { CustomerId = "4", Properties = new Dictionary<string, object?> { ["sku"] = "C", ["price"] = 4m, ["quantity"] = 1 } },
        ]);
        var segments = new SavedSegments(contexts, TimeProvider.System);
        await segments.SaveAsync(new SegmentDraft("carted", "Has a cart", null, "cart_items_count > 0"));
        await segments.SaveAsync(new SegmentDraft("big-spenders", "Big spenders", null, "total_spent > 1000"));

        var lists = await new SegmentCustomers(contexts).ListAsync(CancellationToken.None);

        Assert.Equal(
            [("big-spenders", "Big spenders", ""), ("carted", "Has a cart", "17,4")],
            lists.Select(l => (l.Slug, l.Name, string.Join(",", l.CustomerIds))));
    }
}
