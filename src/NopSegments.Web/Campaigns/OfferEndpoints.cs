using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NopSegments.Data.Campaigns;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;
using NopSegments.Web.Visitors;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// The tracker's side of offers: which offers a page's pop-up, top bar and placeholder zones get (decided like a widget
/// zone's, never cached), and reports of views, clicks and closes. A report counts only with the signed token of an offer
/// served to the same visitor; a first view shows the offer's HTML (issuing the person's code then), and each first
/// view, click and close becomes the person's <c>offer_viewed</c> / <c>offer_clicked</c> / <c>offer_closed</c> event.
/// </summary>
internal static class OfferEndpoints
{
    public sealed record Offer(string Slot, string Token, string Trigger, int Value, bool Holdout);

    public sealed record Report(string? Token);

    public sealed record Shown(string? Html, string? Reason = null);

    private const int MaxSlots = 20;

    public static async Task<Results<Ok<Offer[]>, BadRequest<string>, NotFound>> ListAsync(
        HttpContext http, string? slots, string? pageType, string? category, ModuleState state, PageOffers offers, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "no-store, private";
        var wanted = (slots ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count > MaxSlots || wanted.Exists(s => s.Length > 64))
            return TypedResults.BadRequest($"Ask for at most {MaxSlots} slots (zone names, top_bar, popup) of at most 64 characters each");
        var decided = await offers.DecideAsync(http, new PageFacts(Short(pageType), Short(category)), wanted, ct);
        return TypedResults.Ok(decided.Select(d => new Offer(d.Served.Slot, d.Token, d.Trigger.Kind, d.Trigger.Value, d.Decision.IsHoldout)).ToArray());
    }

    public static async Task<Results<Ok<Shown>, BadRequest<Shown>, NotFound, StatusCodeHttpResult>> ReportAsync(
        HttpContext http, string action, ModuleState state, ICurrentVisitor visitor, OfferTokens tokens, LiveCampaigns campaigns, PageOffers offers,
        OfferLedger ledger, OfferPeople people, ISegmentsTracker tracker, TrackingLimiter limiter, TimeProvider clock, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return TypedResults.NotFound();
        if (Action(action) is not { } what)
            return TypedResults.BadRequest(new Shown(null, $"'{action}' is not a report: use viewed, clicked or closed"));
        Report? report;
        try
        {
            report = await http.Request.ReadFromJsonAsync<Report>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return TypedResults.BadRequest(new Shown(null, "Post JSON of the form {\"token\": \"…\"}"));
        }
        if (tokens.Read(report?.Token) is not { } served || served.VisitorId != visitor.VisitorId || !visitor.MayTrack)
            return TypedResults.BadRequest(new Shown(null, "This is not an offer served to this browser"));
        if (limiter.Refuse(visitor.VisitorId, http.Connection.RemoteIpAddress, 1) is not null)
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        var now = clock.GetUtcNow();
        var marked = await ledger.MarkAsync(PageOffers.Row(served), what, now.UtcDateTime, ct);
        var live = await campaigns.GetAsync(ct);
        var campaign = live.BySlug.GetValueOrDefault(served.Campaign);
        if (marked.First)
        {
            if (what == OfferAction.Viewed)
                people.Viewed(served.VisitorId, served.Campaign);
            if (what == OfferAction.Closed)
                people.Closed(served.VisitorId, served.Campaign);
            // The holdout saw nothing: their would-be view is kept for the results, but is no event of theirs.
            if (served.Variant is not null)
                tracker.Track(new StoreEvent(EventName(what), served.VisitorId, now)
                {
                    SessionId = served.SessionId,
                    Properties = new Dictionary<string, object?> { ["campaign"] = served.Campaign, ["variant"] = served.Variant },
                });
        }
        if (what != OfferAction.Viewed || campaign is null)
            return TypedResults.Ok(new Shown(null, campaign is null ? "The campaign has ended" : null));
        return TypedResults.Ok(new Shown(await offers.RenderAsync(http, served, report!.Token!, campaign, ct)));
    }

    private static OfferAction? Action(string action) => action switch
    {
        "viewed" => OfferAction.Viewed,
        "clicked" => OfferAction.Clicked,
        "closed" => OfferAction.Closed,
        _ => null,
    };

    private static string EventName(OfferAction action) => action switch
    {
        OfferAction.Viewed => EventNames.OfferViewed,
        OfferAction.Clicked => EventNames.OfferClicked,
        _ => EventNames.OfferClosed,
    };

    private static string? Short(string? value) => value?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, 200)] : null;
}
