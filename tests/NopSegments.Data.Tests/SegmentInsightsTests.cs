using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Data.Tracking;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>A saved segment's page: size over time, overlap, members' orders, and lists that page by seeking.</summary>
public sealed class SegmentInsightsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Size_by_day_overlap_and_orders_since_entering_follow_the_members(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var clock = new FakeTimeProvider(Start);
        var writer = new IngestionWriter(contexts, clock);
        await writer.WriteAsync([Cart("a", 0), Cart("b", 0), Cart("c", 0)]);
        var segments = new SavedSegments(contexts, clock);
        await segments.SaveAsync(new SegmentDraft("carted", "Has a cart", null, "cart_items_count > 0"));
        await segments.SaveAsync(new SegmentDraft("a-only", "Customer a", null, "customer_id = \"a\""));
        // Two days later a buys (and so leaves: an order empties the cart) and d arrives with a cart.
        clock.Advance(TimeSpan.FromDays(2));
        await writer.WriteAsync([Order("a", 2, 40m), Cart("d", 2)]);
        var insights = new SegmentInsights(contexts);
        var carted = (await new SegmentActivity(contexts).SummariesAsync()).Single(s => s.Slug == "carted");

        var days = await insights.DaysAsync(carted.Id, 4, clock.GetUtcNow());
        var overlap = await insights.OverlapAsync(carted.Id);
        var outcomes = await insights.OutcomesAsync(carted.Id, Start.AddDays(-1));
        var aOnly = await insights.OutcomesAsync(overlap.Single().Slug == "a-only" ? (await new SegmentActivity(contexts).SummariesAsync()).Single(s => s.Slug == "a-only").Id : 0, Start.AddDays(-1));
        var sinceDayOne = await insights.OutcomesAsync(carted.Id, Start.AddDays(1));

        Assert.Equal(
            ["2026-10-31 0+0-0=0", "2026-11-01 3+0-0=3", "2026-11-02 0+0-0=3", "2026-11-03 1+1-0=3"],
            days.Select(d => $"{d.Day:yyyy-MM-dd} {d.Entered}+{d.Left}-0={d.Size}"));
        Assert.Equal(("a-only", 0, 1), (overlap.Single().Slug, overlap.Single().Shared, overlap.Single().Members));
        // Members now: b, c, d (none ordered). Entered since the day before: a, b, c, d — and a, who left by ordering, converted.
        Assert.Equal((3, 0, 0.0), (outcomes.Members, outcomes.Buyers, outcomes.Revenue));
        Assert.Equal((4, 1, 0.25), (outcomes.Entered, outcomes.OrderedAfterEntering, outcomes.ConversionRate));
        Assert.Equal((1, 1, 40.0), (aOnly.Members, aOnly.Buyers, aOnly.Revenue));
        Assert.Equal((1, 1, 1.0), (aOnly.Entered, aOnly.OrderedAfterEntering, aOnly.ConversionRate));
        // Only d entered after the first day, and has not ordered.
        Assert.Equal((1, 0, 0.0), (sinceDayOne.Entered, sinceDayOne.OrderedAfterEntering, sinceDayOne.ConversionRate));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Members_changes_events_and_profiles_page_newest_first_without_gaps_or_repeats(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var clock = new FakeTimeProvider(Start);
        var writer = new IngestionWriter(contexts, clock);
        // Seven shoppers, two with the same time: a page boundary between equal times must not lose one.
        await writer.WriteAsync([.. Enumerable.Range(0, 7).Select(i => Cart($"s{i}", i == 6 ? 5 : i))]);
        clock.Advance(TimeSpan.FromMinutes(10));
        await new SavedSegments(contexts, clock).SaveAsync(new SegmentDraft("carted", "Has a cart", null, "cart_items_count > 0"));
        var activity = new SegmentActivity(contexts);
        var id = (await activity.SummariesAsync()).Single().Id;

        var members = new List<SegmentMemberRow>();
        for (long? after = null; members.Count < 20;)
        {
            var page = await activity.MembersAsync(id, 3, after);
            members.AddRange(page);
            if (page.Count == 0)
                break;
            after = page[^1].ProfileId;
        }
        var changes = await AllPagesAsync(after => activity.RecentChangesAsync(id, 3, after), c => c.Cursor);
        var events = await AllPagesAsync(async after => (await new EventStore(contexts).RecentAsync(new EventFilter(null, null, 3, Before: after))).ToList(), e => e.Cursor);
        var profiles = await AllPagesAsync(async after => (await new ProfileList(contexts).SearchAsync(null, after, default)).Page.ToList(),
            p => new PageCursor(p.LastSeenAt!.Value, p.Id));

        Assert.Equal(7, members.Select(m => m.ProfileId).Distinct().Count());
        Assert.Equal(7, changes.Select(c => c.ProfileId).Distinct().Count());
        Assert.Equal(7, events.Select(e => e.VisitorId).Distinct().Count());
        Assert.Equal(7, profiles.Select(p => p.Id).Distinct().Count());
        Assert.Equal([.. events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)], events);
        var byNumber = await new ProfileQueries(contexts).FindAsync($"#{members[0].ProfileId}");
        Assert.Equal(members[0].ProfileId, byNumber);
        Assert.Null(await new ProfileQueries(contexts).FindAsync("999999"));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Known_values_are_the_stores_own_categories_discount_codes_countries_and_sources(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        await new IngestionWriter(contexts, TimeProvider.System).WriteAsync(
        [
            View("v1", "Candles", "SE", "email"), View("v2", "Garden", "NO", "social"), View("v3", "Candles", "SE", "email"),
            new StoreEvent(EventNames.CategoryViewed, "v4", Start) { Properties = new Dictionary<string, object?> { ["category"] = "Toys" } },
            new StoreEvent(EventNames.DiscountApplied, "v1", Start) { Properties = new Dictionary<string, object?> { ["discount_code"] = "WELCOME10" } },
            new StoreEvent(EventNames.OrderPlaced, "v2", Start)
            {
                CustomerId = "c2", Properties = new Dictionary<string, object?> { ["order_id"] = "1", ["value"] = 9m, ["currency"] = "GBP", ["discount_code"] = "VIP15" },
            },
        ]);

        var known = (await new KnownValues(contexts).ReadAsync()).Values;

        Assert.Equal(["candles", "garden", "toys"], known["category"]);
        Assert.Equal(["vip15", "welcome10"], known["discount_code"]);
        Assert.Equal(["NO", "SE"], known["country"]);
        Assert.Equal(["email", "social"], known["source"]);
    }

    private static async Task<List<T>> AllPagesAsync<T>(Func<PageCursor?, Task<List<T>>> page, Func<T, PageCursor> cursor)
    {
        var all = new List<T>();
        PageCursor? after = null;
        for (var guard = 0; guard < 10; guard++)
        {
            var rows = await page(after);
            all.AddRange(rows);
            if (rows.Count == 0)
                return all;
            after = cursor(rows[^1]);
        }
        throw new InvalidOperationException("paging never ended");
    }

    private static StoreEvent Cart(string customer, int minutes) =>
        new(EventNames.AddedToCart, "v-" + customer, Start.AddMinutes(minutes))
        {
            CustomerId = customer, Properties = new Dictionary<string, object?> { ["sku"] = "A", ["price"] = 2m, ["quantity"] = 1 },
        };

    private static StoreEvent Order(string customer, int days, decimal value) =>
        new(EventNames.OrderPlaced, "v-" + customer, Start.AddDays(days))
        {
            CustomerId = customer, Properties = new Dictionary<string, object?> { ["order_id"] = "o-" + customer, ["value"] = value },
        };

    private static StoreEvent View(string visitor, string category, string country, string source) =>
        new(EventNames.ProductViewed, visitor, Start)
        {
            SessionId = "s-" + visitor, Properties = new Dictionary<string, object?> { ["sku"] = "S", ["category"] = category, ["country"] = country, ["source"] = source },
        };
}
