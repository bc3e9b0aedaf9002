using NopSegments.Tracking;

namespace NopSegments.Core.Tests;

public sealed class EventValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static StoreEvent Event(string name, params (string Key, object? Value)[] properties) =>
        new(name, "visitor-1", Now) { Properties = properties.ToDictionary(p => p.Key, p => p.Value) };

    [Fact]
    public void A_complete_order_is_valid() =>
        Assert.Null(EventValidator.Validate(Event("order_placed",
            ("order_id", "536365"), ("value", 139.12m), ("currency", "GBP"), ("discount_code", null), ("country", "United Kingdom"))));

    [Fact]
    public void Session_source_and_utm_properties_are_allowed_on_every_event() =>
        Assert.Null(EventValidator.Validate(Event("page_viewed",
            ("url", "https://shop/"), ("utm_campaign", "spring"), ("source", "email"), ("device", "mobile"))));

    [Theory]
    [InlineData("order_placd", "unknown event 'order_placd'")]
    [InlineData("", "unknown event ''")]
    public void An_unknown_event_name_is_rejected_with_its_name(string name, string expected) =>
        Assert.Equal(expected, EventValidator.Validate(Event(name)));

    [Fact]
    public void A_property_the_event_does_not_carry_is_rejected() =>
        Assert.Equal("'searched' has no property 'sku'", EventValidator.Validate(Event("searched", ("sku", "85123A"))));

    [Fact]
    public void Text_where_a_number_belongs_is_rejected() =>
        Assert.Equal("property 'value': expected a number, got text \"lots\"",
            EventValidator.Validate(Event("checkout_started", ("value", "lots"))));

    [Fact]
    public void A_fractional_quantity_is_rejected() =>
        Assert.Equal("property 'quantity': expected a whole number, got 1.5",
            EventValidator.Validate(Event("added_to_cart", ("sku", "1"), ("quantity", 1.5))));

    [Fact]
    public void A_number_where_text_belongs_is_rejected() =>
        Assert.Equal("property 'query': expected text, got 42", EventValidator.Validate(Event("searched", ("query", 42))));

    [Fact]
    public void Infinite_values_are_rejected() =>
        Assert.Equal("property 'value': expected a finite number",
            EventValidator.Validate(Event("checkout_started", ("value", double.PositiveInfinity))));

    [Fact]
    public void Oversized_text_is_rejected() =>
        Assert.Equal($"property 'query': text longer than {EventLimits.MaxTextLength} characters",
            EventValidator.Validate(Event("searched", ("query", new string('x', EventLimits.MaxTextLength + 1)))));

    [Fact]
    public void Too_many_properties_are_rejected()
    {
        var e = new StoreEvent("searched", "v", Now)
        {
            Properties = Enumerable.Range(0, EventLimits.MaxProperties + 1).ToDictionary(i => $"p{i}", i => (object?)"x"),
        };
        Assert.Equal($"{EventLimits.MaxProperties + 1} properties; at most {EventLimits.MaxProperties} are allowed", EventValidator.Validate(e));
    }

    [Theory]
    [InlineData("", "the visitor id is missing")]
    [InlineData("   ", "the visitor id is missing")]
    public void An_event_without_a_visitor_is_rejected(string visitor, string expected) =>
        Assert.Equal(expected, EventValidator.Validate(new StoreEvent("signed_up", visitor, Now)));

    [Fact]
    public void An_overlong_customer_id_is_rejected() =>
        Assert.Equal($"the customer id is longer than {EventLimits.MaxIdLength} characters",
            EventValidator.Validate(new StoreEvent("logged_in", "v", Now) { CustomerId = new string('1', 65) }));

    [Fact]
    public void An_event_without_a_time_is_rejected() =>
        Assert.Equal("the event has no time", EventValidator.Validate(new StoreEvent("logged_in", "v", default)));

    [Fact]
    public void The_catalog_has_every_event_of_the_segment_language()
    {
        string[] language =
        [
            "page_viewed", "product_viewed", "category_viewed", "searched", "added_to_cart", "removed_from_cart",
            "checkout_started", "order_placed", "product_ordered", "order_refunded", "discount_applied", "signed_up",
            "logged_in", "subscribed", "unsubscribed", "offer_viewed", "offer_clicked", "offer_closed", "email_sent", "email_opened", "email_clicked",
        ];
        string[] browser = ["session_started", "page_exited"]; // additions of ours, for the browser tracker
        string[] guests = ["identified"]; // ours: a guest's email given at checkout
        Assert.Equal(language.Concat(browser).Concat(guests).Order(), EventCatalog.Events.Keys.Order());
    }

    [Fact]
    public void Product_ordered_carries_the_order_and_the_line() =>
        Assert.Equal(["brand", "category", "order_id", "price", "product_name", "quantity", "sku"],
            EventCatalog.Events["product_ordered"].Keys.Order());
}
