namespace NopSegments.Profiles;

/// <summary>
/// A profile's behavioural attributes at one instant, as the segment language names them. Null means
/// missing: no order yet, no session, no known country.
/// </summary>
public sealed record ProfileAttributes
{
    /// <summary>The host's customer id, when the profile is identified.</summary>
    public string? CustomerId { get; init; }
    /// <summary>order_placed events.</summary>
    public int OrdersCount { get; init; }
    /// <summary>Sum of order values minus sum of refund values.</summary>
    public decimal TotalSpent { get; init; }
    /// <summary>Sum of order values / orders_count; missing without orders.</summary>
    public decimal? AverageOrderValue { get; init; }
    /// <summary>First order_placed.</summary>
    public DateTimeOffset? FirstOrderAt { get; init; }
    /// <summary>Last order_placed.</summary>
    public DateTimeOffset? LastOrderAt { get; init; }
    /// <summary>order_refunded events.</summary>
    public int RefundsCount { get; init; }
    /// <summary>order_placed events with a discount code.</summary>
    public int DiscountOrdersCount { get; init; }
    /// <summary>Their share of orders_count; missing without orders.</summary>
    public decimal? DiscountOrdersShare { get; init; }
    /// <summary>Distinct sessions.</summary>
    public int SessionsCount { get; init; }
    /// <summary>page_viewed + product_viewed + category_viewed events.</summary>
    public int PageViewsCount { get; init; }
    /// <summary>First event of any kind.</summary>
    public DateTimeOffset? FirstSeenAt { get; init; }
    /// <summary>Last event of any kind.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }
    /// <summary>Traffic channel of the first session.</summary>
    public string? FirstSource { get; init; }
    /// <summary>Traffic channel of the latest session.</summary>
    public string? LastSource { get; init; }
    /// <summary>desktop, mobile or tablet, from the latest event that knew it.</summary>
    public string? Device { get; init; }
    /// <summary>Country of the latest event that carried one (for orders: the order's country).</summary>
    public string? Country { get; init; }
    /// <summary>Items in the cart: added minus removed since the last order.</summary>
    public int CartItemsCount { get; init; }
    /// <summary>Value of those items at the prices they were added at.</summary>
    public decimal CartValue { get; init; }
    /// <summary>Latest added_to_cart.</summary>
    public DateTimeOffset? LastAddedToCartAt { get; init; }
    /// <summary>Decayed category affinity, 0–1, by category (case-insensitive).</summary>
    public IReadOnlyDictionary<string, double> Interests { get; init; } = new Dictionary<string, double>();
}
