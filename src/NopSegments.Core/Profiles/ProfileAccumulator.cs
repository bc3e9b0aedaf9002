using NopSegments.Tracking;

namespace NopSegments.Profiles;

/// <summary>
/// Folds one profile's events, in time order (ties in recorded order), into its attributes. Feed it only
/// the events at or before the evaluation instant: that is what makes an as-of profile exact. The
/// state can be stored and folding resumed later with more events.
/// </summary>
public sealed class ProfileAccumulator(ProfileState? state = null)
{
    /// <summary>The fold so far.</summary>
    public ProfileState State { get; } = state ?? new ProfileState();

    /// <summary>Takes the next event of the profile.</summary>
    public void Apply(StoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = State;
        // Times take the extremes, so events a few milliseconds out of order (concurrent requests) fold the same.
        s.FirstSeen = Min(s.FirstSeen, e.OccurredAt);
        s.LastSeen = Max(s.LastSeen, e.OccurredAt);
        s.CustomerId = e.CustomerId ?? s.CustomerId;
        if (e.SessionId is { } session && s.Sessions.Add(session))
        {
            // A session's channel is what its first event says; the first and latest sessions' count.
            s.LastSource = e.Text("source");
            if (s.Sessions.Count == 1)
                s.FirstSource = s.LastSource;
        }
        s.Device = e.Text("device") ?? s.Device;
        TakeCountry(e);
        TakeInterest(e);

        switch (e.Name)
        {
            case EventNames.OrderPlaced:
                s.Orders++;
                s.OrderValue += e.Number("value") ?? 0;
                s.FirstOrder = Min(s.FirstOrder, e.OccurredAt);
                s.LastOrder = Max(s.LastOrder, e.OccurredAt);
                if (!string.IsNullOrEmpty(e.Text("discount_code")))
                    s.DiscountOrders++;
                s.Cart.Clear();
                break;
            case EventNames.OrderRefunded:
                s.Refunds++;
                s.RefundValue += e.Number("value") ?? 0;
                break;
            case EventNames.PageViewed or EventNames.ProductViewed or EventNames.CategoryViewed:
                s.PageViews++;
                break;
            case EventNames.AddedToCart when e.Text("sku") is { } sku:
                var line = s.Cart.GetValueOrDefault(sku);
                s.Cart[sku] = new CartLineState((line?.Quantity ?? 0) + Quantity(e), e.Number("price") ?? line?.Price ?? 0);
                s.LastCartAdd = Max(s.LastCartAdd, e.OccurredAt);
                break;
            case EventNames.RemovedFromCart when e.Text("sku") is { } sku && s.Cart.TryGetValue(sku, out var held):
                // Removing more than is there empties the line; it never goes negative.
                if (held.Quantity <= Quantity(e))
                    s.Cart.Remove(sku);
                else
                    s.Cart[sku] = held with { Quantity = held.Quantity - Quantity(e) };
                break;
        }
    }

    /// <summary>The attributes at <paramref name="now"/>, which must not be before the last applied event.</summary>
    public ProfileAttributes ToAttributes(DateTimeOffset now)
    {
        var s = State;
        return new ProfileAttributes
        {
            CustomerId = s.CustomerId,
            OrdersCount = s.Orders,
            TotalSpent = s.OrderValue - s.RefundValue,
            AverageOrderValue = s.Orders == 0 ? null : s.OrderValue / s.Orders,
            FirstOrderAt = s.FirstOrder,
            LastOrderAt = s.LastOrder,
            RefundsCount = s.Refunds,
            DiscountOrdersCount = s.DiscountOrders,
            DiscountOrdersShare = s.Orders == 0 ? null : (decimal)s.DiscountOrders / s.Orders,
            SessionsCount = s.Sessions.Count,
            PageViewsCount = s.PageViews,
            FirstSeenAt = s.FirstSeen,
            LastSeenAt = s.LastSeen,
            FirstSource = s.FirstSource,
            LastSource = s.LastSource,
            Device = s.Device,
            Country = s.Country,
            CartItemsCount = s.Cart.Values.Sum(l => l.Quantity),
            CartValue = s.Cart.Values.Sum(l => l.Quantity * l.Price),
            LastAddedToCartAt = s.LastCartAdd,
            Interests = s.Interests.ToDictionary(
                i => i.Key, i => CategoryInterest.FromScore(CategoryInterest.Decay(i.Value.Score, i.Value.At, now)),
                StringComparer.OrdinalIgnoreCase),
        };
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static int Quantity(StoreEvent e) => (int)Math.Max(0, e.Number("quantity") ?? 1);

    /// <summary>The latest event with a country wins; between orders at the same instant, the larger order id.</summary>
    private void TakeCountry(StoreEvent e)
    {
        if (e.Text("country") is not { Length: > 0 } value)
            return;
        var s = State;
        var orderId = e.Text("order_id");
        if (e.OccurredAt < s.CountryAt)
            return;
        if (s.CountryAt == e.OccurredAt && orderId is not null && s.CountryOrderId is not null && OrderIds.Compare(orderId, s.CountryOrderId) < 0)
            return;
        (s.Country, s.CountryAt, s.CountryOrderId) = (value, e.OccurredAt, orderId);
    }

    private void TakeInterest(StoreEvent e)
    {
        var weight = CategoryInterest.Weight(e.Name);
        if (weight == 0 || e.Text("category") is not { Length: > 0 } name)
            return;
        // Keys are lower-cased here, not by a comparer: a comparer does not survive the JSON round trip.
        var category = name.ToLowerInvariant();
        var held = State.Interests.GetValueOrDefault(category);
        var carried = held is null ? 0 : CategoryInterest.Decay(held.Score, held.At, e.OccurredAt);
        State.Interests[category] = new InterestState(carried + weight, e.OccurredAt);
    }
}
