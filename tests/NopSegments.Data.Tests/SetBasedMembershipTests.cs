using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>
/// Saving answers time windows and in_segment in SQL; folding every profile is the reference it is held to: the same
/// members, and a check for every profile whose answer time alone changes, never later than that change (exactly
/// then for a single condition).
/// </summary>
public sealed class SetBasedMembershipTests
{
    public static TheoryData<DatabaseProvider, string, bool> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(provider, "product_viewed(category = \"Candles\", within 7d) >= 2", true);
            data.Add(provider, "order_placed(within 30d) = 1", true);
            data.Add(provider, "added_to_cart(category in (\"candles\", \"LAMPS\"), within 30d) >= 2", true);
            data.Add(provider, "product_viewed(category != \"lamps\", within 10d)", true);
            data.Add(provider, "order_placed(after -20d) < 2", true);
            // The absolute bound lies inside the window: an event still leaves when the 20 days have passed.
            data.Add(provider, "product_viewed(after 2026-10-15, within 20d) >= 2", true);
            data.Add(provider, "NOT added_to_cart(within 3d)", true);
            data.Add(provider, "last_order_at < -20d", true);
            data.Add(provider, "first_seen_at between -30d and -10d", false);
            data.Add(provider, "product_viewed(within 14d) > 3 OR (orders_count >= 1 AND last_seen_at > -5d)", false);
            data.Add(provider, "in_segment(\"candle-fans\") AND NOT order_placed(within 10d)", false);
        }
        return data;
    }

    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Now = Start.AddDays(60);

    /// <summary>The shoppers' history stored, and segment "candle-fans" saved, with the clock at <see cref="Now"/>.</summary>
    private static async Task<(SegmentsDbContextFactory Contexts, SavedSegments Segments)> ShopAsync(DatabaseProvider provider, TestDatabase database)
    {
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        await new IngestionWriter(contexts, TimeProvider.System).WriteAsync(History());
        var segments = new SavedSegments(contexts, new FakeTimeProvider(Now));
        await segments.SaveAsync(new SegmentDraft("candle-fans", "Candle fans", null, "product_viewed(category = \"Candles\") >= 3"));
        return (contexts, segments);
    }

    [SkippableTheory, MemberData(nameof(Cases))]
    public async Task SQL_gives_the_folded_members_and_never_checks_later_than_the_fold(DatabaseProvider provider, string text, bool exact)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var (contexts, segments) = await ShopAsync(provider, database);
        var query = SegmentQuery.Parse(text, ["candle-fans"]);
        var membership = new SegmentMembership(contexts);

        Assert.Null(await membership.WhyNotSetBasedAsync(query, Now, CancellationToken.None));
        var sql = await membership.EvaluateAsync(query, Now, CancellationToken.None);
        var fold = await membership.FoldAsync(query, Now, CancellationToken.None);

        Assert.NotEmpty(fold.Members);
        Assert.NotEmpty(fold.NextChecks);
        Assert.Equal(fold.Members.Keys.Order(), sql.Members.Keys.Order());
        foreach (var (profile, change) in fold.NextChecks)
            Assert.True(sql.NextChecks.TryGetValue(profile, out var check) && check <= change, $"profile {profile}: fold {change:O}, SQL {check:O}");
        if (exact)
            Assert.Equal(fold.NextChecks.OrderBy(c => c.Key), sql.NextChecks.OrderBy(c => c.Key));
    }

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task The_live_preview_counts_who_enters_and_leaves_in_SQL_as_the_fold_would(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var (contexts, segments) = await ShopAsync(provider, database);
        await segments.SaveAsync(new SegmentDraft("repeat", "Repeat buyers", null, "orders_count >= 2"));
        const string Edited = "product_viewed(category = \"Candles\", within 30d) >= 2 OR in_segment(\"repeat\") AND last_seen_at > -20d";
        var stored = (await segments.ListAsync()).Single(s => s.Slug == "candle-fans");
        var storedMembers = await segments.MembersAsync(stored.Id);
        var fold = await new SegmentMembership(contexts).FoldAsync(SegmentQuery.Parse(Edited, ["repeat"]), Now, CancellationToken.None);

        var preview = await segments.PreviewAsync(Edited, "candle-fans");

        var entering = fold.Members.Keys.Where(id => !storedMembers.Contains(id)).Order().ToList();
        var leaving = storedMembers.Where(id => !fold.Members.ContainsKey(id)).Order().ToList();
        Assert.True(entering.Count > 0 && leaving.Count > 0);
        Assert.Equal((fold.Members.Count, entering.Count, leaving.Count), (preview.Count, preview.Entering, preview.Leaving));
        Assert.Equal(fold.Members.OrderBy(m => m.Key).Take(10).Select(m => m.Value), preview.Sample);
        Assert.Equal(entering.Take(10).Select(id => fold.Keys[id]), preview.EnteringSample);
        Assert.Equal(leaving.Take(10).Select(id => fold.Keys[id]), preview.LeavingSample);

        // RFM scores come in their own WITH clause, before the members'.
        const string Ranked = "rfm_frequency >= 3 AND product_viewed(within 30d)";
        var ranked = await segments.PreviewAsync(Ranked, null);
        var rankedFold = await new SegmentMembership(contexts).FoldAsync(SegmentQuery.Parse(Ranked), Now, CancellationToken.None);
        Assert.True(rankedFold.Members.Count > 0);
        Assert.Equal((rankedFold.Members.Count, rankedFold.Members.Count, 0), (ranked.Count, ranked.Entering, ranked.Leaving));
    }

    /// <summary>40 shoppers over 60 days: views of two categories, carts and orders at spread-out hours.</summary>
    private static List<StoreEvent> History()
    {
        var events = new List<StoreEvent>();
        var random = new Random(7);
        for (var shopper = 0; shopper < 40; shopper++)
        {
            var visitor = $"v-{shopper}";
            var customer = shopper % 3 == 0 ? null : $"c-{shopper}";
            var visits = random.Next(1, 12);
            for (var visit = 0; visit < visits; visit++)
            {
                var at = Start.AddDays(random.Next(0, 60)).AddMinutes(random.Next(0, 1440));
                var category = random.Next(2) == 0 ? "Candles" : "Lamps";
                var line = new Dictionary<string, object?> { ["sku"] = $"{category}-1", ["category"] = category, ["price"] = 12.5m, ["quantity"] = 1 };
                events.Add(new StoreEvent(EventNames.ProductViewed, visitor, at) { CustomerId = customer, Properties = line });
                if (random.Next(3) == 0)
                    events.Add(new StoreEvent(EventNames.AddedToCart, visitor, at.AddMinutes(2)) { CustomerId = customer, Properties = line });
                if (customer is not null && random.Next(4) == 0)
                {
                    events.Add(new StoreEvent(EventNames.OrderPlaced, visitor, at.AddMinutes(5))
                    {
                        CustomerId = customer, Properties = new Dictionary<string, object?> { ["order_id"] = $"{shopper}-{visit}", ["value"] = 25m, ["currency"] = "GBP" },
                    });
                }
            }
        }
        return [.. events.OrderBy(e => e.OccurredAt)];
    }
}
