using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Segments;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>Membership moves with each event, for that profile only, and with time through the sweep of due checks.</summary>
public sealed class LiveMembershipTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoreEvent E(string name, string visitor, double minutes, params (string Key, object? Value)[] props) =>
        new(name, visitor, T0.AddMinutes(minutes)) { SessionId = visitor + "-s", Properties = props.ToDictionary(p => p.Key, p => p.Value) };

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task An_event_moves_its_profile_in_and_out_of_a_live_segment_in_the_same_batch(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("cart-holders", "Cart holders", null, "cart_items_count > 0"));
        var add = E("added_to_cart", "v1", 1, ("sku", "A"), ("price", 5m), ("quantity", 1));

        await shop.Writer.WriteAsync([add, E("page_viewed", "v2", 1, ("url", "https://shop/"), ("path", "/"))]);
        var afterAdd = await shop.MembersAsync("cart-holders");
        await shop.Writer.WriteAsync([E("removed_from_cart", "v1", 2, ("sku", "A"), ("quantity", 1))]);

        Assert.Equal(["v1"], afterAdd);
        Assert.Empty(await shop.MembersAsync("cart-holders"));
        var log = await shop.TransitionsAsync();
        Assert.Equal([("v1", "entered", "event", 1), ("v1", "left", "event", 1)], log.Select(t => (t.Visitor, t.Kind, t.Reason, t.Version)));
        Assert.NotNull(log[0].EventId);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_time_window_passing_is_applied_by_the_sweep_of_due_checks(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("browsing", "Browsing this week", null, "product_viewed(within 7d)"));
        await shop.Writer.WriteAsync([E("product_viewed", "v1", 0, ("sku", "A"))]);
        Assert.Equal(["v1"], await shop.MembersAsync("browsing"));

        shop.Clock.Advance(TimeSpan.FromDays(3));
        var early = await shop.Sweep.RunAsync();
        shop.Clock.Advance(TimeSpan.FromDays(5));
        var due = await shop.Sweep.RunAsync();

        Assert.Equal((0, 0), early);
        Assert.Equal((1, 1), due);
        Assert.Empty(await shop.MembersAsync("browsing"));
        Assert.Equal(("left", "time"), (await shop.TransitionsAsync()).Select(t => (t.Kind, t.Reason)).Last());
        await using var db = shop.Contexts.Create();
        Assert.Empty(await db.SegmentChecks.ToListAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_fading_interest_leaves_the_segment_when_its_decay_crosses_the_threshold(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("candle-fans", "Candle fans", null, "interest(\"Candles\") >= 0.3"));
        // Two views: score 2, interest 0.33; it decays to 0.3 after 14 d × log2(2 / 1.78) ≈ 2.3 days.
        await shop.Writer.WriteAsync([E("product_viewed", "v1", 0, ("sku", "C1"), ("category", "Candles")),
            E("product_viewed", "v1", 1, ("sku", "C2"), ("category", "Candles"))]);
        Assert.Equal(["v1"], await shop.MembersAsync("candle-fans"));

        shop.Clock.Advance(TimeSpan.FromDays(2));
        var early = await shop.Sweep.RunAsync();
        shop.Clock.Advance(TimeSpan.FromDays(1));
        var due = await shop.Sweep.RunAsync();

        Assert.Equal((0, 0), early);
        Assert.Equal((1, 1), due);
        Assert.Empty(await shop.MembersAsync("candle-fans"));
        Assert.Equal(("left", "time"), (await shop.TransitionsAsync()).Select(t => (t.Kind, t.Reason)).Last());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_segment_reading_another_follows_it_within_the_same_event(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("carts", "Carts", null, "cart_items_count > 0"));
        await shop.Segments.SaveAsync(new SegmentDraft("mobile-carts", "Mobile carts", null, "in_segment(\"carts\") AND device = \"mobile\""));

        await shop.Writer.WriteAsync([E("added_to_cart", "v1", 1, ("sku", "A"), ("price", 5m), ("quantity", 1), ("device", "mobile"))]);

        Assert.Equal(["v1"], await shop.MembersAsync("mobile-carts"));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_batch_of_many_visitors_moves_each_by_its_own_events(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("repeat-viewers", "Repeat viewers", null, "product_viewed(within 1d) >= 2"));
        var visitors = Enumerable.Range(0, 80).Select(i => $"v{i:00}").ToList();
        var first = visitors.SelectMany((v, i) => Enumerable.Range(0, i % 2 == 0 ? 2 : 1).Select(n => E("product_viewed", v, n, ("sku", $"S{n}")))).ToList();

        await shop.Writer.WriteAsync(first);
        var evens = await shop.MembersAsync("repeat-viewers");
        await shop.Writer.WriteAsync([.. visitors.Where((_, i) => i % 2 == 1).Select(v => E("product_viewed", v, 5, ("sku", "S5")))]);

        Assert.Equal(visitors.Where((_, i) => i % 2 == 0), evens);
        Assert.Equal(visitors, await shop.MembersAsync("repeat-viewers"));
        var log = await shop.TransitionsAsync();
        Assert.Equal(80, log.Count);
        Assert.All(log, t => Assert.Equal(("entered", "event"), (t.Kind, t.Reason)));
        await using var db = shop.Contexts.Create();
        var eventOwner = await db.Events.ToDictionaryAsync(e => e.EventId, e => e.VisitorId);
        Assert.All(log, t => Assert.Equal(t.Visitor, eventOwner[t.EventId!.Value]));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_visitor_who_logs_in_brings_their_anonymous_views_into_the_customers_segments(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("keen", "Keen browsers", null, "product_viewed(within 1d) >= 4"));
        await shop.Writer.WriteAsync([E("product_viewed", "phone", 0, ("sku", "A")), E("product_viewed", "phone", 1, ("sku", "B"))]);
        await shop.Writer.WriteAsync([E("product_viewed", "laptop", 2, ("sku", "C")) with { CustomerId = "42" }]);

        // The phone's profile merges into customer 42's in this batch: its two views count there at once, with this one.
        await shop.Writer.WriteAsync([E("logged_in", "phone", 3) with { CustomerId = "42" }, E("product_viewed", "phone", 4, ("sku", "D")) with { CustomerId = "42" }]);

        Assert.Equal(["laptop", "phone"], await shop.MembersAsync("keen"));
        await using var db = shop.Contexts.Create();
        Assert.Equal(("entered", "event"), (await db.SegmentTransitions.ToListAsync()).Select(t => (t.Kind, t.Reason)).Single());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_new_device_that_logs_in_and_adds_to_cart_in_one_batch_moves_the_customers_profile(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("carts", "Carts", null, "cart_items_count > 0 AND product_viewed(within 1d)"));
        await shop.Writer.WriteAsync([E("product_viewed", "laptop", 0, ("sku", "A")) with { CustomerId = "42" }]);

        // The cart add names no customer: only the login before it in the batch says whose it is.
        await shop.Writer.WriteAsync([E("logged_in", "phone", 1) with { CustomerId = "42" },
            E("added_to_cart", "phone", 2, ("sku", "A"), ("price", 5m), ("quantity", 1))]);

        Assert.Equal(["laptop", "phone"], await shop.MembersAsync("carts"));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_retried_event_counts_once_and_an_event_dated_after_now_does_not_count_yet(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("keen", "Keen browsers", null, "product_viewed(within 1d) >= 3"));
        var first = E("product_viewed", "v1", 0, ("sku", "A"));
        await shop.Writer.WriteAsync([first]);

        // The retry carries the stored view again with a new one, and one from two hours after the clock's now.
        await shop.Writer.WriteAsync([first, E("product_viewed", "v1", 1, ("sku", "B")), E("product_viewed", "v1", 180, ("sku", "C"))]);
        var afterRetry = await shop.MembersAsync("keen");
        await shop.Writer.WriteAsync([E("product_viewed", "v1", 2, ("sku", "D"))]);

        Assert.Empty(afterRetry);
        Assert.Equal(["v1"], await shop.MembersAsync("keen"));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_membership_write_the_database_refuses_rolls_back_the_whole_batch_and_a_retry_stores_it_once(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        await shop.Segments.SaveAsync(new SegmentDraft("cart-holders", "Cart holders", null, "cart_items_count > 0"));
        var batch = new[] { E("added_to_cart", "v1", 1, ("sku", "A"), ("price", 5m), ("quantity", 1)), E("page_viewed", "v2", 1, ("url", "https://shop/"), ("path", "/")) };
        await shop.ExecuteAsync(provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse BEFORE INSERT ON nopsegments_segment_members BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            : "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql; " +
              "CREATE TRIGGER refuse BEFORE INSERT ON nopsegments_segment_members FOR EACH ROW EXECUTE FUNCTION refuse()");

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => shop.Writer.WriteAsync(batch));
        await using (var db = shop.Contexts.Create())
        {
            Assert.Equal((0, 0, 0), (await db.Events.CountAsync(), await db.Profiles.CountAsync(), await db.SegmentTransitions.CountAsync()));
        }
        await shop.ExecuteAsync(provider == DatabaseProvider.Sqlite ? "DROP TRIGGER refuse" : "DROP TRIGGER refuse ON nopsegments_segment_members");
        var retried = await shop.Writer.WriteAsync(batch);

        Assert.Contains("refused by the test", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, retried.Stored);
        Assert.Equal(["v1"], await shop.MembersAsync("cart-holders"));
        Assert.Single(await shop.TransitionsAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_property_sent_as_null_is_stored_absent_and_reads_as_missing_live_and_set_based(DatabaseProvider provider)
    {
        await using var shop = await LiveShop.CreateAsync(provider);
        const string query = "page_viewed(utm_campaign IS NULL)";
        await shop.Segments.SaveAsync(new SegmentDraft("live", "Live", null, query));

        await shop.Writer.WriteAsync([
            E("page_viewed", "v1", 1, ("url", "https://shop/"), ("path", "/"), ("utm_campaign", null)),
            E("page_viewed", "v2", 1, ("url", "https://shop/"), ("path", "/"), ("utm_campaign", "spring"))]);
        await shop.Segments.SaveAsync(new SegmentDraft("saved-after", "Saved after", null, query));

        Assert.Equal(["v1"], await shop.MembersAsync("live"));
        Assert.Equal(["v1"], await shop.MembersAsync("saved-after"));
        await using var db = shop.Contexts.Create();
        var stored = await db.Events.OrderBy(e => e.VisitorId).Select(e => e.Properties).ToListAsync();
        Assert.DoesNotContain("utm_campaign", stored[0], StringComparison.Ordinal);
        Assert.Contains("\"utm_campaign\":\"spring\"", stored[1], StringComparison.Ordinal);
    }

    private sealed class LiveShop : IAsyncDisposable
    {
        private readonly TestDatabase database;

        private LiveShop(TestDatabase database, SegmentsDbContextFactory contexts)
        {
            this.database = database;
            Contexts = contexts;
            Writer = new IngestionWriter(contexts, Clock);
            Segments = new SavedSegments(contexts, Clock);
            Sweep = new SegmentSweep(contexts, Clock);
        }

        public FakeTimeProvider Clock { get; } = new(T0.AddHours(1));
        public SegmentsDbContextFactory Contexts { get; }
        public IngestionWriter Writer { get; }
        public SavedSegments Segments { get; }
        public SegmentSweep Sweep { get; }

        public static async Task<LiveShop> CreateAsync(DatabaseProvider provider)
        {
            TestDatabase.SkipUnlessAvailable(provider);
            var database = await TestDatabase.CreateAsync(provider);
            var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
            await new ModuleLifecycle(contexts).InstallAsync();
            return new LiveShop(database, contexts);
        }

        public async Task<List<string>> MembersAsync(string slug)
        {
            await using var db = Contexts.Create();
            var segment = await db.Segments.SingleAsync(s => s.Slug == slug);
            var profiles = await db.SegmentMembers.Where(m => m.SegmentId == segment.Id).Select(m => m.ProfileId).ToListAsync();
            return await db.Identities.Where(i => profiles.Contains(i.ProfileId)).Select(i => i.VisitorId).OrderBy(v => v).ToListAsync();
        }

        public async Task<List<(string Visitor, string Kind, string Reason, int Version, Guid? EventId)>> TransitionsAsync()
        {
            await using var db = Contexts.Create();
            var visitors = await db.Identities.ToDictionaryAsync(i => i.ProfileId, i => i.VisitorId);
            var log = await db.SegmentTransitions.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
            return [.. log.Select(t => (visitors[t.ProfileId], t.Kind, t.Reason, t.Version, t.EventId))];
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var db = Contexts.Create();
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        public async ValueTask DisposeAsync() => await database.DisposeAsync();
    }
}
