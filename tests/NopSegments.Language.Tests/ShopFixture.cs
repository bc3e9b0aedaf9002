using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Language.Tests;

/// <summary>
/// Four shoppers at <see cref="Now"/>, folded by the real profile code: ann (a Swedish customer, three orders, one
/// with a code, browsing shoes, wholesale), bob (anonymous, browsing candles, an item in the cart for 2 hours),
/// cy (a Norwegian customer, one order 200 days ago, partly refunded), dee (one page view 40 days ago).
/// </summary>
internal static class ShopFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ProfileSnapshot> At(DateTimeOffset now)
    {
        var histories = new Dictionary<string, List<StoreEvent>>
        {
            ["ann"] =
            [
                E("ann", "order_placed", -60 * 24, "email", ("order_id", "1"), ("value", 100m), ("country", "SE")),
                E("ann", "order_placed", -30 * 24, "email", ("order_id", "2"), ("value", 300m), ("discount_code", "SPRING")),
                E("ann", "product_viewed", -6 * 24, "email", ("sku", "S1"), ("category", "Shoes"), ("price", 80m)),
                E("ann", "product_viewed", -5 * 24, "email", ("sku", "S2"), ("category", "shoes"), ("price", 90m)),
                E("ann", "product_viewed", -1 * 24, "email", ("sku", "S3"), ("category", "Shoes"), ("price", 70m)),
                E("ann", "order_placed", -20, "email", ("order_id", "3"), ("value", 250m)),
            ],
            ["bob"] =
            [
                E("bob", "product_viewed", -72, "organic_search", ("sku", "C1"), ("category", "Candles"), ("price", 5m)),
                E("bob", "page_viewed", -48, "paid_search", ("url", "https://shop/c"), ("path", "/c"), ("utm_campaign", "spring")),
                E("bob", "product_viewed", -3, "paid_search", ("sku", "C2"), ("category", "Candles"), ("price", 6m)),
                E("bob", "added_to_cart", -2, "paid_search", ("sku", "C2"), ("price", 6m), ("quantity", 2)),
            ],
            ["cy"] =
            [
                E("cy", "order_placed", -200 * 24, "direct", ("order_id", "9"), ("value", 200m), ("country", "NO")),
                E("cy", "order_refunded", -190 * 24, "direct", ("order_id", "9"), ("value", 50m)),
            ],
            ["dee"] = [E("dee", "page_viewed", -40 * 24, "social", ("url", "https://shop/"), ("path", "/"))],
        };
        var customers = new Dictionary<string, Dictionary<string, object?>>
        {
            ["ann"] = new() { ["email"] = "ann@example.se", ["is_registered"] = true, ["customer_roles"] = new[] { "Registered", "Wholesale" }, ["age"] = 34 },
            ["cy"] = new() { ["email"] = "cy@example.no", ["is_registered"] = true, ["gender"] = "F" },
        };
        var snapshots = histories
            .Select(h => (Key: h.Key, Events: h.Value.Where(e => e.OccurredAt <= now).OrderBy(e => e.OccurredAt).ToList()))
            .Where(h => h.Events.Count > 0)
            .Select(h =>
            {
                var fold = new ProfileAccumulator();
                h.Events.ForEach(fold.Apply);
                return new ProfileSnapshot(h.Key, now, fold.ToAttributes(now), h.Events) { Traits = customers.GetValueOrDefault(h.Key) ?? [] };
            })
            .ToList();
        var rfm = RfmScorer.Score([.. snapshots.Where(s => s.Attributes.OrdersCount > 0)
            .Select(s => new RfmInput(s.Key, s.Attributes.LastOrderAt!.Value, s.Attributes.OrdersCount, s.Attributes.TotalSpent))]);
        return [.. snapshots.Select(s => s with
        {
            Rfm = rfm.GetValueOrDefault(s.Key),
            Segments = s.Key == "ann" ? new HashSet<string> { "vip" } : new HashSet<string>(),
        })];
    }

    private static StoreEvent E(string who, string name, double hoursFromNow, string source, params (string Key, object? Value)[] props)
    {
        var properties = new Dictionary<string, object?> { ["source"] = source, ["device"] = who == "bob" ? "mobile" : "desktop" };
        foreach (var (key, value) in props)
            properties[key] = value;
        return new StoreEvent(name, who + "-browser", Now.AddHours(hoursFromNow))
        {
            CustomerId = who is "ann" or "cy" ? who : null,
            SessionId = $"{who}-{Math.Floor(hoursFromNow / 24)}",
            Properties = properties,
        };
    }
}
