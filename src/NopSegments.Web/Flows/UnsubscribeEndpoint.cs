using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Flows;
using NopSegments.Hosting;
using NopSegments.Tracking;

namespace NopSegments.Web.Flows;

/// <summary>
/// Where an email's unsubscribe link lands: records <c>unsubscribed</c> at once, without a login, and takes the person
/// out of every flow they are in, so no further step of any flow reaches them.
/// </summary>
internal static class UnsubscribeEndpoint
{
    public static async Task<Results<ContentHttpResult, BadRequest<string>>> HandleAsync(
        string? token, UnsubscribeLinks links, ISegmentsTracker tracker, FlowStore flows, IServiceProvider services, TimeProvider clock,
        CancellationToken ct)
    {
        if (links.Read(token) is not { } customerId)
            return TypedResults.BadRequest("This unsubscribe link is not valid. Use the link in the email you received, or ask the shop.");
        var now = clock.GetUtcNow();
        // A customer's action without a browser of ours: the customer id stands in for the visitor id.
        tracker.Track(new StoreEvent(EventNames.Unsubscribed, customerId, now) { CustomerId = customerId });
        await flows.ExitAllAsync(customerId, "unsubscribed", now.UtcDateTime, ct);
        var store = services.GetService<IStoreContext>()?.Current.Name ?? "this shop";
        return TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribed</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto\">" +
            $"<h1>You are unsubscribed</h1><p>{WebUtility.HtmlEncode(store)} will send you no more marketing emails.</p></body></html>",
            "text/html; charset=utf-8");
    }
}
