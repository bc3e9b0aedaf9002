namespace NopSegments.Language;

/// <summary>A starting point for a merchandiser: a ready query to save as it is or to adapt.</summary>
/// <param name="Slug">Suggested slug.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Who it finds and what it is for.</param>
/// <param name="Query">The query, in canonical form.</param>
public sealed record SegmentTemplate(string Slug, string Name, string Description, string Query);

/// <summary>The templates the admin offers, all written in the segment language.</summary>
public static class SegmentTemplates
{
    /// <summary>Every template, in the order the admin lists them.</summary>
    public static IReadOnlyList<SegmentTemplate> All { get; } =
    [
        new("champions", "Champions", "Bought recently, buy often and spend the most: reward them, ask for reviews.",
            "rfm_recency >= 4 AND rfm_frequency >= 4 AND rfm_monetary >= 4"),
        new("loyal", "Loyal customers", "Buy often and not long ago: offer the loyalty programme and new arrivals first.",
            "rfm_frequency >= 4 AND rfm_recency >= 3"),
        new("at-risk", "At risk", "Used to buy often and spend well, but not lately: win them back before they lapse.",
            "rfm_recency <= 2 AND rfm_frequency >= 3 AND rfm_monetary >= 3"),
        new("hibernating", "Hibernating", "Bought little, rarely and long ago: a low-cost reactivation offer or nothing.",
            "rfm_recency <= 2 AND rfm_frequency <= 2 AND rfm_monetary <= 2"),
        new("new-customers", "New customers", "First order in the last 30 days: welcome series, second-order incentive.",
            "orders_count = 1 AND first_order_at > -30d"),
        new("cart-abandoners", "Cart abandoners", "Added to cart in the last day, still holding it, silent for an hour: the abandoned-cart flow.",
            "added_to_cart(within 1d) AND cart_items_count > 0 AND last_seen_at < -1h"),
        new("discount-hunters", "Discount hunters", "At least half their orders used a code: keep them off full-price campaigns' discounts.",
            "discount_orders_share >= 0.5 AND orders_count >= 3"),
        new("window-shoppers", "Window shoppers", "Browse a lot across visits but never buy: social proof, first-order offer.",
            "page_views_count >= 10 AND sessions_count >= 3 AND orders_count = 0"),
        new("high-intent-candles", "High buying intent: Candles", "Viewed Candles three times this week and put one in the cart, no order yet. Change the category to suit.",
            "product_viewed(category = \"Candles\", within 7d) >= 3 AND added_to_cart(category = \"Candles\", within 7d) AND NOT order_placed(within 7d)"),
        new("lapsed-buyers", "Lapsed buyers", "Repeat buyers with no order for 90 days: a reason to come back.",
            "orders_count >= 2 AND last_order_at < -90d"),
    ];
}
