using System.Collections.Frozen;

namespace NopSegments.Tracking;

/// <summary>The events the segment language knows and the properties each may carry.</summary>
public static class EventCatalog
{
    private static readonly (string Name, PropertyKind Kind)[] LineItem =
    [
        ("sku", PropertyKind.Text), ("product_name", PropertyKind.Text), ("category", PropertyKind.Text),
        ("brand", PropertyKind.Text), ("price", PropertyKind.Number), ("quantity", PropertyKind.WholeNumber),
    ];

    /// <summary>Properties every event may carry: its session's traffic source, device and country.</summary>
    public static FrozenDictionary<string, PropertyKind> CommonProperties { get; } = Props(
        ("source", PropertyKind.Text), ("utm_source", PropertyKind.Text), ("utm_medium", PropertyKind.Text),
        ("utm_campaign", PropertyKind.Text), ("device", PropertyKind.Text), ("country", PropertyKind.Text));

    /// <summary>Event name → the event's own properties.</summary>
    public static FrozenDictionary<string, FrozenDictionary<string, PropertyKind>> Events { get; } =
        new Dictionary<string, FrozenDictionary<string, PropertyKind>>
        {
            [EventNames.PageViewed] = Props(("url", PropertyKind.Text), ("path", PropertyKind.Text), ("title", PropertyKind.Text), ("referrer", PropertyKind.Text)),
            [EventNames.SessionStarted] = Props(("url", PropertyKind.Text), ("referrer", PropertyKind.Text)),
            [EventNames.PageExited] = Props(("url", PropertyKind.Text), ("path", PropertyKind.Text),
                ("engaged_seconds", PropertyKind.Number), ("scroll_depth", PropertyKind.Number)),
            [EventNames.ProductViewed] = Props(LineItem[..5]),
            [EventNames.CategoryViewed] = Props(("category", PropertyKind.Text)),
            [EventNames.Searched] = Props(("query", PropertyKind.Text)),
            [EventNames.AddedToCart] = Props(LineItem),
            [EventNames.RemovedFromCart] = Props(LineItem),
            [EventNames.CheckoutStarted] = Props(("value", PropertyKind.Number)),
            [EventNames.OrderPlaced] = Props(("order_id", PropertyKind.Text), ("value", PropertyKind.Number),
                ("currency", PropertyKind.Text), ("discount_code", PropertyKind.Text), ("country", PropertyKind.Text)),
            [EventNames.ProductOrdered] = Props([("order_id", PropertyKind.Text), .. LineItem]),
            [EventNames.OrderRefunded] = Props(("order_id", PropertyKind.Text), ("value", PropertyKind.Number)),
            [EventNames.DiscountApplied] = Props(("discount_code", PropertyKind.Text)),
            [EventNames.SignedUp] = Props(),
            [EventNames.LoggedIn] = Props(),
            [EventNames.Identified] = Props(("source", PropertyKind.Text)),
            [EventNames.Subscribed] = Props(),
            [EventNames.Unsubscribed] = Props(),
            [EventNames.OfferViewed] = Props(("campaign", PropertyKind.Text), ("variant", PropertyKind.Text)),
            [EventNames.OfferClicked] = Props(("campaign", PropertyKind.Text), ("variant", PropertyKind.Text)),
            [EventNames.OfferClosed] = Props(("campaign", PropertyKind.Text), ("variant", PropertyKind.Text)),
            [EventNames.EmailSent] = Props(("flow", PropertyKind.Text), ("step", PropertyKind.Text)),
            [EventNames.EmailOpened] = Props(("flow", PropertyKind.Text), ("step", PropertyKind.Text)),
            [EventNames.EmailClicked] = Props(("flow", PropertyKind.Text), ("step", PropertyKind.Text)),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Events that say what a shopper looked at, not what they did with money or a cart: when the queue overflows (the
    /// database has been away a long time) these are shed first, so orders, refunds and cart changes can still wait.
    /// </summary>
    public static FrozenSet<string> BrowsingEvents { get; } = new[]
    {
        EventNames.PageViewed, EventNames.SessionStarted, EventNames.PageExited, EventNames.ProductViewed, EventNames.CategoryViewed,
        EventNames.Searched, EventNames.OfferViewed, EventNames.EmailOpened,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The kind a property of this event must have, or null when the event does not carry it.</summary>
    public static PropertyKind? KindOf(string eventName, string property) =>
        Events.TryGetValue(eventName, out var own) && own.TryGetValue(property, out var kind) ? kind
        : CommonProperties.TryGetValue(property, out var common) ? common
        : null;

    private static FrozenDictionary<string, PropertyKind> Props(params (string Name, PropertyKind Kind)[] props) =>
        props.ToFrozenDictionary(p => p.Name, p => p.Kind, StringComparer.Ordinal);
}
