using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

public sealed class SavedSegmentsTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoreEvent Order(string customer, double days, decimal value) =>
        new("order_placed", "v-" + customer, T0.AddDays(days))
        {
            CustomerId = customer, SessionId = $"{customer}-{days}",
            Properties = new Dictionary<string, object?> { ["order_id"] = $"{customer}-{days}", ["value"] = value, ["currency"] = "GBP" },
        };

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Saving_materializes_members_and_each_edit_logs_who_entered_and_left_with_its_version(DatabaseProvider provider)
    {
        await using var shop = await Shop.CreateAsync(provider);
        await shop.WriteAsync(Order("ann", 0, 300), Order("ann", 1, 200), Order("bob", 2, 50), Order("cy", 3, 700));

        var first = await shop.Segments.SaveAsync(new SegmentDraft("big-spenders", "Big spenders", null, "total_spent >= 500"));
        var preview = await shop.Segments.PreviewAsync("total_spent >= 600", "big-spenders");
        var second = await shop.Segments.SaveAsync(new SegmentDraft("big-spenders", "Big spenders", "edited", "total_spent >= 600"));

        Assert.Equal(new SegmentSaved("big-spenders", 1, 2, 2, 0), first);
        Assert.Equal((1, 0, 1), (preview.Count, preview.Entering, preview.Leaving));
        Assert.Equal(["ann"], preview.LeavingSample);
        Assert.Equal(new SegmentSaved("big-spenders", 2, 1, 0, 1), second);
        var log = await shop.TransitionsAsync();
        Assert.Equal(["ann entered edit v1", "cy entered edit v1", "ann left edit v2"], log);
        Assert.Equal("total_spent >= 600", (await shop.Segments.ListAsync()).Single().Query);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task In_segment_reads_saved_membership_and_a_cycle_or_a_segment_in_use_is_refused(DatabaseProvider provider)
    {
        await using var shop = await Shop.CreateAsync(provider);
        await shop.WriteAsync(Order("ann", 0, 300), Order("ann", 1, 200), Order("cy", 3, 700));
        await shop.Segments.SaveAsync(new SegmentDraft("repeat", "Repeat buyers", null, "orders_count >= 2"));

        var vip = await shop.Segments.SaveAsync(new SegmentDraft("vip", "VIP", null, "in_segment(\"repeat\") AND total_spent >= 500"));
        var cycle = await Assert.ThrowsAsync<SegmentDefinitionException>(() =>
            shop.Segments.SaveAsync(new SegmentDraft("repeat", "Repeat buyers", null, "orders_count >= 2 OR in_segment(\"vip\")")));
        var self = await Assert.ThrowsAsync<SegmentQueryException>(() =>
            shop.Segments.SaveAsync(new SegmentDraft("solo", "Solo", null, "in_segment(\"solo\")")));
        var inUse = await Assert.ThrowsAsync<SegmentDefinitionException>(() => shop.Segments.DeleteAsync("repeat"));

        Assert.Equal(1, vip.Members);
        Assert.Equal("in_segment makes a cycle: repeat → vip → repeat", cycle.Message);
        Assert.StartsWith("unknown segment 'solo'", self.Message, StringComparison.Ordinal);
        Assert.Equal("'vip' reads 'repeat' through in_segment; change it first", inUse.Message);
        await shop.Segments.DeleteAsync("vip");
        await shop.Segments.DeleteAsync("repeat");
        Assert.Empty(await shop.Segments.ListAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_time_window_segment_knows_when_each_member_must_be_checked_again(DatabaseProvider provider)
    {
        await using var shop = await Shop.CreateAsync(provider);
        await shop.WriteAsync(Order("ann", 0, 30), Order("bob", 3, 40));

        await shop.Segments.SaveAsync(new SegmentDraft("recent-buyers", "Recent buyers", null, "order_placed(within 7d)"));

        await using var db = shop.Contexts.Create();
        var checks = await db.SegmentChecks.AsNoTracking().OrderBy(c => c.DueAt).Select(c => c.DueAt).ToListAsync();
        Assert.Equal([T0.AddDays(7).AddSeconds(1).UtcDateTime, T0.AddDays(10).AddSeconds(1).UtcDateTime], checks.Select(c => DateTime.SpecifyKind(c, DateTimeKind.Utc)));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task RFM_segments_and_their_readers_are_rescored_once_their_members_are_older_than_the_interval(DatabaseProvider provider)
    {
        await using var shop = await Shop.CreateAsync(provider);
        await shop.WriteAsync(Order("ann", 0, 30), Order("bob", 2, 40), Order("cy", 3, 700));
        // Recency scores among three buyers: ann 1, bob 2, cy 4.
        await shop.Segments.SaveAsync(new SegmentDraft("recent-rfm", "Recent by rank", null, "rfm_recency >= 4"));
        await shop.Segments.SaveAsync(new SegmentDraft("vip", "Recent big spenders", null, "in_segment(\"recent-rfm\") AND total_spent >= 100"));

        // A fourth, more recent buyer pushes cy down to 3; the live path leaves RFM ranks to the rescoring.
        await shop.WriteAsync(Order("dee", 4, 150));
        shop.Clock.Advance(TimeSpan.FromMinutes(10));
        var early = await shop.Segments.RescoreAsync(TimeSpan.FromHours(1));
        shop.Clock.Advance(TimeSpan.FromHours(1));
        var due = await shop.Segments.RescoreAsync(TimeSpan.FromHours(1));
        var again = await shop.Segments.RescoreAsync(TimeSpan.FromHours(1));

        Assert.Equal(new SegmentRescore(0, 0, 0), early);
        Assert.Equal(new SegmentRescore(2, 2, 2), due);
        Assert.Equal(new SegmentRescore(0, 0, 0), again);
        Assert.Equal(
            ["cy entered edit v1", "cy entered edit v1", "dee entered time v1", "cy left time v1", "dee entered time v1", "cy left time v1"],
            await shop.TransitionsAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_bad_slug_or_query_saves_nothing(DatabaseProvider provider)
    {
        await using var shop = await Shop.CreateAsync(provider);

        var slug = await Assert.ThrowsAsync<SegmentDefinitionException>(() => shop.Segments.SaveAsync(new SegmentDraft("Big Spenders", "x", null, "orders_count > 0")));
        var query = await Assert.ThrowsAsync<SegmentQueryException>(() => shop.Segments.SaveAsync(new SegmentDraft("big", "Big", null, "order_count > 0")));

        Assert.StartsWith("'Big Spenders' is not a slug", slug.Message, StringComparison.Ordinal);
        Assert.Equal("orders_count", query.Suggestion);
        Assert.Empty(await shop.Segments.ListAsync());
    }

    private sealed class Shop : IAsyncDisposable
    {
        private readonly TestDatabase database;

        private Shop(TestDatabase database, SegmentsDbContextFactory contexts)
        {
            this.database = database;
            Contexts = contexts;
            Segments = new SavedSegments(contexts, Clock);
        }

        public FakeTimeProvider Clock { get; } = new(T0.AddDays(5));

        public SegmentsDbContextFactory Contexts { get; }
        public SavedSegments Segments { get; }

        public static async Task<Shop> CreateAsync(DatabaseProvider provider)
        {
            TestDatabase.SkipUnlessAvailable(provider);
            var database = await TestDatabase.CreateAsync(provider);
            var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
            await new ModuleLifecycle(contexts).InstallAsync();
            return new Shop(database, contexts);
        }

        public Task<IngestionResult> WriteAsync(params StoreEvent[] events) => new IngestionWriter(Contexts, TimeProvider.System).WriteAsync(events);

        public async Task<List<string>> TransitionsAsync()
        {
            await using var db = Contexts.Create();
            var customers = await db.Profiles.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.CustomerId);
            var log = await db.SegmentTransitions.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
            return [.. log.Select(t => $"{customers[t.ProfileId]} {t.Kind} {t.Reason} v{t.Version}")];
        }

        public async ValueTask DisposeAsync() => await database.DisposeAsync();
    }
}
