using System.Collections.Frozen;

namespace NopSegments.Language.Binding;

/// <summary>
/// An attribute the language knows: its type, what it means, and how to read it from a snapshot.
/// <paramref name="FromHost"/>: zero-party data from the host's customer directory, which no event changes.
/// </summary>
internal sealed record AttributeDefinition(string Name, QueryType Type, string Meaning, Func<ProfileSnapshot, object?> Read, bool FromHost = false);

/// <summary>The attributes of SEGMENT-LANGUAGE.md, each read from the profile as of the query's instant.</summary>
internal static class AttributeCatalog
{
    public static FrozenDictionary<string, AttributeDefinition> All { get; } = new AttributeDefinition[]
    {
        new("customer_id", QueryType.Text, "the host's customer id; missing for anonymous visitors", p => p.Attributes.CustomerId),
        Trait("email", QueryType.Text, "the customer's email; missing for anonymous visitors"),
        Trait("is_registered", QueryType.Bool, "the visitor has an account"),
        Trait("accepts_marketing", QueryType.Bool, "marketing consent given"),
        Trait("gender", QueryType.Text, "zero-party: as the customer gave it"),
        Trait("age", QueryType.WholeNumber, "zero-party: years"),
        new("country", QueryType.Text, "ISO country of the latest event that carried one, else the customer's", p => p.Attributes.Country ?? p.Traits.GetValueOrDefault("country")),
        Trait("city", QueryType.Text, "the customer's city"),
        Trait("language", QueryType.Text, "the customer's language"),
        Trait("customer_roles", QueryType.TextList, "the host's customer roles"),
        new("orders_count", QueryType.WholeNumber, "order_placed events", p => p.Attributes.OrdersCount),
        new("total_spent", QueryType.Number, "order values minus refund values", p => p.Attributes.TotalSpent),
        new("average_order_value", QueryType.Number, "order values / orders_count; missing with no orders", p => p.Attributes.AverageOrderValue),
        new("first_order_at", QueryType.Time, "first order_placed", p => p.Attributes.FirstOrderAt),
        new("last_order_at", QueryType.Time, "last order_placed", p => p.Attributes.LastOrderAt),
        new("refunds_count", QueryType.WholeNumber, "order_refunded events", p => p.Attributes.RefundsCount),
        new("discount_orders_count", QueryType.WholeNumber, "orders with a discount code", p => p.Attributes.DiscountOrdersCount),
        new("discount_orders_share", QueryType.Number, "their share of orders_count; missing with no orders", p => p.Attributes.DiscountOrdersShare),
        new("sessions_count", QueryType.WholeNumber, "distinct sessions", p => p.Attributes.SessionsCount),
        new("page_views_count", QueryType.WholeNumber, "page, product and category views", p => p.Attributes.PageViewsCount),
        new("first_seen_at", QueryType.Time, "first event of any kind", p => p.Attributes.FirstSeenAt),
        new("last_seen_at", QueryType.Time, "last event of any kind", p => p.Attributes.LastSeenAt),
        new("first_source", QueryType.Text, "traffic channel of the first session", p => p.Attributes.FirstSource),
        new("last_source", QueryType.Text, "traffic channel of the latest session", p => p.Attributes.LastSource),
        new("device", QueryType.Text, "desktop, mobile or tablet of the latest session", p => p.Attributes.Device),
        new("cart_items_count", QueryType.WholeNumber, "items in the cart now", p => p.Attributes.CartItemsCount),
        new("cart_value", QueryType.Number, "value of the cart now", p => p.Attributes.CartValue),
        new("last_added_to_cart_at", QueryType.Time, "latest added_to_cart", p => p.Attributes.LastAddedToCartAt),
        new("rfm_recency", QueryType.WholeNumber, "RFM recency score 1-5; missing with no orders", p => p.Rfm?.Recency),
        new("rfm_frequency", QueryType.WholeNumber, "RFM frequency score 1-5; missing with no orders", p => p.Rfm?.Frequency),
        new("rfm_monetary", QueryType.WholeNumber, "RFM monetary score 1-5; missing with no orders", p => p.Rfm?.Monetary),
    }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    private static AttributeDefinition Trait(string name, QueryType type, string meaning) =>
        new(name, type, meaning, p => p.Traits.GetValueOrDefault(name), FromHost: true);
}
