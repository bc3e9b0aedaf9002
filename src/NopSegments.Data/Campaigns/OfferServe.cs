namespace NopSegments.Data.Campaigns;

/// <summary>
/// One offer the server decided to show a visitor: the token the browser must name to report it, the campaign and
/// variant (null for the holdout, who saw nothing), and what the person did with it. Caps, stops and results read these
/// rows, so a browser cannot claim a view or click of an offer it was never served.
/// </summary>
internal sealed class OfferServe
{
    public long Id { get; set; }
    public required string Token { get; set; }
    public required string Campaign { get; set; }
    public string? Variant { get; set; }
    public required string Slot { get; set; }
    public required string VisitorId { get; set; }
    public required string SessionId { get; set; }
    public DateTime ServedAt { get; set; }

    /// <summary>When it was on the shopper's screen (for the holdout: when it would have been); null while only served.</summary>
    public DateTime? ViewedAt { get; set; }

    public DateTime? ClickedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>The person's own single-use code, issued when the offer was first shown to them.</summary>
    public string? DiscountCode { get; set; }
}
