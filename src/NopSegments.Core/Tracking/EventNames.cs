namespace NopSegments.Tracking;

/// <summary>The names of the store events, as the segment language spells them.</summary>
public static class EventNames
{
#pragma warning disable CS1591 // The names document themselves.
    public const string PageViewed = "page_viewed";
    public const string SessionStarted = "session_started";
    public const string PageExited = "page_exited";
    public const string ProductViewed = "product_viewed";
    public const string CategoryViewed = "category_viewed";
    public const string Searched = "searched";
    public const string AddedToCart = "added_to_cart";
    public const string RemovedFromCart = "removed_from_cart";
    public const string CheckoutStarted = "checkout_started";
    public const string OrderPlaced = "order_placed";
    public const string ProductOrdered = "product_ordered";
    public const string OrderRefunded = "order_refunded";
    public const string DiscountApplied = "discount_applied";
    public const string SignedUp = "signed_up";
    public const string LoggedIn = "logged_in";
    public const string Identified = "identified";
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";
    public const string OfferViewed = "offer_viewed";
    public const string OfferClicked = "offer_clicked";
    public const string OfferClosed = "offer_closed";
    public const string EmailSent = "email_sent";
    public const string EmailOpened = "email_opened";
    public const string EmailClicked = "email_clicked";
#pragma warning restore CS1591
}
