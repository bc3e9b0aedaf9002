using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>
/// Counts at an instant before the newest stored event, set-based (attributes recomputed from the events up to then)
/// against profile by profile, on the events the retailer's data has none of: sessions, views, carts, discounts.
/// </summary>
public sealed class SetBasedAsOfTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Queries =
    [
        "sessions_count >= 2", "page_views_count >= 2", "NOT page_views_count >= 1", "last_added_to_cart_at > 2026-01-02",
        "last_added_to_cart_at IS NULL", "discount_orders_count >= 1", "discount_orders_share >= 0.5", "discount_orders_share IS NULL",
        "total_spent > 40", "total_spent BETWEEN 39.99 AND 40.01", "average_order_value > 35", "orders_count = 0", "refunds_count >= 1",
        "first_seen_at < 2026-01-03", "last_seen_at > 2026-01-10", "first_order_at > 2026-01-10", "rfm_monetary >= 3 AND sessions_count >= 1",
    ];

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Set_based_and_profile_by_profile_agree_before_the_newest_event(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        await new ModuleLifecycle(contexts).InstallAsync();
        await new IngestionWriter(contexts, TimeProvider.System).WriteAsync(Events());
        var setBased = new SetBasedSegments(contexts);

        var results = new List<int>();
        foreach (var asOf in new[] { T0.AddDays(15), T0.AddDays(27) })
        {
            foreach (var text in Queries)
            {
                var query = SegmentQuery.Parse(text);
                Assert.Null(await setBased.WhyNotAsync(query, asOf));
                var byProfile = new List<string>();
                await foreach (var profile in new ProfileSnapshots(contexts).ReadAsync(asOf, null))
                {
                    if (query.Matches(profile))
                        byProfile.Add(profile.Key);
                }
                var members = await setBased.MembersAsync(query, asOf, null);
                Assert.True(byProfile.Order(StringComparer.Ordinal).SequenceEqual(members.Order(StringComparer.Ordinal)),
                    $"{text} as of {asOf:yyyy-MM-dd}: set-based [{string.Join(", ", members)}], per profile [{string.Join(", ", byProfile)}]");
                Assert.Equal(members.Count, await setBased.CountAsync(query, asOf));
                results.Add(members.Count);
            }
        }
        // Most queries select someone on one of the days: the data exercises them.
        Assert.True(results.Count(n => n > 0) >= Queries.Length, string.Join(", ", results));
    }

    private static List<StoreEvent> Events() =>
    [
        // Ann: two sessions of views, a cart, a discounted order, a later order and a refund.
        View("ann", "s1", 1), View("ann", "s1", 1.01), View("ann", "s1", 1.02, EventNames.ProductViewed),
        Cart("ann", "s1", 2), Order("ann", "s1", 3, 50m, "SAVE10"), View("ann", "s2", 20), Order("ann", "s2", 25, 30m, null),
        new(EventNames.OrderRefunded, "v-ann", T0.AddDays(26)) { CustomerId = "ann", Properties = new Dictionary<string, object?> { ["order_id"] = "ann-25", ["value"] = 10m } },
        // Bob: browses and leaves a cart, orders much later.
        View("bob", "s3", 5, EventNames.CategoryViewed), Cart("bob", "s3", 6), Order("bob", "s4", 30, 100m, null),
        // Cy: a cheap order with an empty discount code (no discount); Dee: only later; Eve: one view and nothing else.
        Order("cy", "s5", 10, 39.99m, ""), View("dee", "s6", 40), View("eve", "s7", 12),
    ];

    private static StoreEvent View(string who, string session, double days, string name = EventNames.PageViewed) =>
        new(name, "v-" + who, T0.AddDays(days))
        {
            SessionId = session,
            Properties = name == EventNames.CategoryViewed ? new Dictionary<string, object?> { ["category"] = "Candles" } : new Dictionary<string, object?> { ["url"] = $"https://shop.example/{who}/{days}" },
        };

    private static StoreEvent Cart(string who, string session, double days) =>
        new(EventNames.AddedToCart, "v-" + who, T0.AddDays(days))
        {
            SessionId = session, Properties = new Dictionary<string, object?> { ["sku"] = "85123A", ["price"] = 2.55m, ["quantity"] = 4 },
        };

    private static StoreEvent Order(string who, string session, double days, decimal value, string? discount) =>
        new(EventNames.OrderPlaced, "v-" + who, T0.AddDays(days))
        {
            CustomerId = who, SessionId = session,
            Properties = new Dictionary<string, object?> { ["order_id"] = $"{who}-{days}", ["value"] = value, ["discount_code"] = discount },
        };
}
