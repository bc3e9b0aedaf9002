using NopSegments.Tracking;

namespace NopSegments.Profiles;

/// <summary>
/// Folds one profile's events, in time order (ties in recorded order), into its attributes. Feed it only
/// the events at or before the evaluation instant: that is what makes an as-of profile exact.
/// </summary>
public sealed class ProfileAccumulator
{
    private readonly HashSet<string> sessions = new(StringComparer.Ordinal);
    private readonly CartContents cart = new();
    private readonly Dictionary<string, (double Score, DateTimeOffset At)> interests = new(StringComparer.OrdinalIgnoreCase);
    private int orders, refunds, discountOrders, pageViews;
    private decimal orderValue, refundValue;
    private DateTimeOffset? firstOrder, lastOrder, firstSeen, lastSeen, lastCartAdd, countryAt;
    private string? customerId, firstSource, lastSource, device, country, countryOrderId;

    /// <summary>Takes the next event of the profile.</summary>
    public void Apply(StoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        firstSeen ??= e.OccurredAt;
        lastSeen = e.OccurredAt;
        customerId = e.CustomerId ?? customerId;
        if (e.SessionId is { } session && sessions.Add(session))
        {
            // A session's channel is what its first event says; the first and latest sessions' count.
            lastSource = e.Text("source");
            if (sessions.Count == 1)
                firstSource = lastSource;
        }
        device = e.Text("device") ?? device;
        TakeCountry(e);
        TakeInterest(e);

        switch (e.Name)
        {
            case EventNames.OrderPlaced:
                orders++;
                orderValue += e.Number("value") ?? 0;
                firstOrder ??= e.OccurredAt;
                lastOrder = e.OccurredAt;
                if (!string.IsNullOrEmpty(e.Text("discount_code")))
                    discountOrders++;
                cart.Clear();
                break;
            case EventNames.OrderRefunded:
                refunds++;
                refundValue += e.Number("value") ?? 0;
                break;
            case EventNames.PageViewed or EventNames.ProductViewed or EventNames.CategoryViewed:
                pageViews++;
                break;
            case EventNames.AddedToCart when e.Text("sku") is { } sku:
                cart.Add(sku, Quantity(e), e.Number("price"));
                lastCartAdd = e.OccurredAt;
                break;
            case EventNames.RemovedFromCart when e.Text("sku") is { } sku:
                cart.Remove(sku, Quantity(e));
                break;
        }
    }

    /// <summary>The attributes at <paramref name="now"/>, which must not be before the last applied event.</summary>
    public ProfileAttributes ToAttributes(DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        OrdersCount = orders,
        TotalSpent = orderValue - refundValue,
        AverageOrderValue = orders == 0 ? null : orderValue / orders,
        FirstOrderAt = firstOrder,
        LastOrderAt = lastOrder,
        RefundsCount = refunds,
        DiscountOrdersCount = discountOrders,
        DiscountOrdersShare = orders == 0 ? null : (decimal)discountOrders / orders,
        SessionsCount = sessions.Count,
        PageViewsCount = pageViews,
        FirstSeenAt = firstSeen,
        LastSeenAt = lastSeen,
        FirstSource = firstSource,
        LastSource = lastSource,
        Device = device,
        Country = country,
        CartItemsCount = cart.ItemCount,
        CartValue = cart.Value,
        LastAddedToCartAt = lastCartAdd,
        Interests = interests.ToDictionary(
            i => i.Key, i => CategoryInterest.FromScore(CategoryInterest.Decay(i.Value.Score, i.Value.At, now)),
            StringComparer.OrdinalIgnoreCase),
    };

    private static int Quantity(StoreEvent e) => (int)Math.Max(0, e.Number("quantity") ?? 1);

    /// <summary>The latest event with a country wins; between orders at the same instant, the larger order id.</summary>
    private void TakeCountry(StoreEvent e)
    {
        if (e.Text("country") is not { Length: > 0 } value)
            return;
        var orderId = e.Text("order_id");
        if (countryAt == e.OccurredAt && orderId is not null && countryOrderId is not null && OrderIds.Compare(orderId, countryOrderId) < 0)
            return;
        country = value;
        countryAt = e.OccurredAt;
        countryOrderId = orderId;
    }

    private void TakeInterest(StoreEvent e)
    {
        var weight = CategoryInterest.Weight(e.Name);
        if (weight == 0 || e.Text("category") is not { Length: > 0 } category)
            return;
        var (score, at) = interests.GetValueOrDefault(category, (0, e.OccurredAt));
        interests[category] = (CategoryInterest.Decay(score, at, e.OccurredAt) + weight, e.OccurredAt);
    }
}
