using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;
using NopSegments.Web.Visitors;

namespace NopSegments.Web.Tracking;

/// <summary>
/// POST endpoint for the browser tracker. Events are always the signed cookie's own visitor's; the
/// browser may only report what happens in the browser (page views, exits, offers), never orders.
/// Each event is checked on its own: one bad event never drops the good ones beside it.
/// </summary>
internal sealed class TrackingEndpoint(
    ModuleState state, ModuleSettings settings, EventQueue queue, TrackingLimiter limiter, VisitorCookieProtector cookies,
    GeoLocator geo, TimeProvider clock)
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxEvents = 25;

    private static readonly FrozenSet<string> BrowserEvents = new[]
    {
        EventNames.PageViewed, EventNames.SessionStarted, EventNames.PageExited,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OfferEvents = new[] { EventNames.OfferViewed, EventNames.OfferClicked, EventNames.OfferClosed }
        .ToFrozenSet(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            await Problem(StatusCodes.Status405MethodNotAllowed, "Post events to this address").ExecuteAsync(http);
            return;
        }
        await (await AnswerAsync(http, http.RequestAborted)).ExecuteAsync(http);
    }

    private async Task<IResult> AnswerAsync(HttpContext http, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return Problem(StatusCodes.Status404NotFound, "NopSegments is not installed");
        var body = await TrackingBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (body is null)
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes");
        List<TrackedEvent>? events;
        try
        {
            events = TrackRequest.ReadEvents(body);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The body is not JSON of the form {{\"events\":[{{\"name\":\"page_viewed\",\"properties\":{{}}}}]}}: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // The reader throws this for a string escape that is half a surrogate pair ("\ud800") or bytes that are not UTF-8.
            return Problem(StatusCodes.Status400BadRequest, "The body holds text that is not valid Unicode (an unpaired \\uD800–\\uDFFF escape or bytes that are not UTF-8)");
        }
        if (events is not { Count: > 0 })
            return Problem(StatusCodes.Status400BadRequest, "No events: send {\"events\":[...]}");
        if (events.Count > MaxEvents)
            return Problem(StatusCodes.Status413PayloadTooLarge, $"{events.Count} events; at most {MaxEvents} per request");
        if (TrackingConsent.Refusal(http.Request, settings) is { } refusal)
            return TrackAnswer.For(new TrackResponse(0, [], refusal));

        var visitor = new VisitorCookies(http, cookies, settings, geo, clock);
        if (limiter.Refuse(visitor.IsReturning ? visitor.VisitorId : null, http.Connection.RemoteIpAddress, events.Count) is { } limited)
        {
            var seconds = Math.Max(1, Math.Ceiling(limited.Wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, $"Too many events from {limited.Who}; try again in {seconds} s");
        }

        var session = StartSession(visitor, events);
        var now = clock.GetUtcNow();
        var rejected = new List<RejectedEvent>();
        var tryLater = false;
        for (var i = 0; i < events.Count; i++)
        {
            if (await RejectAsync(events[i], visitor, session, now) is { } refused)
            {
                rejected.Add(new RejectedEvent(i, refused.Reason ?? "refused"));
                tryLater |= refused.RetryLater;
            }
        }
        var answer = new TrackResponse(events.Count - rejected.Count, rejected, IgnoredFacts(events));
        if (answer.Accepted > 0)
            return TrackAnswer.For(answer);
        // Nothing taken: the store's trouble (a full queue) is a 503 to try again later, the client's mistakes a 400.
        if (tryLater)
        {
            http.Response.Headers.RetryAfter = "30";
            return Problem(StatusCodes.Status503ServiceUnavailable, "The store cannot take events now; try again later");
        }
        return TrackAnswer.Refused(answer);
    }

    private static string? IgnoredFacts(List<TrackedEvent> events)
    {
        var names = events.SelectMany(e => e.Properties?.Ignored ?? []).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null
            : $"ignored {string.Join(", ", names.Select(n => $"'{n}'"))}: the session's source, UTM values, device and country come from its landing URL, referrer, browser and address, never from posted properties";
    }

    private async Task<TrackResult?> RejectAsync(TrackedEvent posted, VisitorCookies visitor, VisitorSession session, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(posted.Name))
            return TrackResult.Rejected("the event has no name");
        if (OfferEvents.Contains(posted.Name))
            return TrackResult.Rejected($"'{posted.Name}' is reported with the served offer's token to the offers endpoint, so only offers the store showed count");
        if (!BrowserEvents.Contains(posted.Name))
            return TrackResult.Rejected(EventCatalog.Events.ContainsKey(posted.Name)
                ? $"the browser may not report '{posted.Name}'; the store reports it"
                : $"unknown event '{posted.Name}'");
        if (posted.Properties?.Error is { } error)
            return TrackResult.Rejected(error);
        // In durable mode this waits for the batch that stores the event; otherwise it is already done.
        var result = await queue.TrackAsync(new StoreEvent(posted.Name, visitor.VisitorId, now) { SessionId = session.Id, Properties = session.With(posted.Properties?.Values) });
        return result.Accepted ? null : result;
    }

    /// <summary>A session that starts with a tracker call takes its source from the page the tracker reports.</summary>
    private static VisitorSession StartSession(VisitorCookies visitor, IReadOnlyList<TrackedEvent> events)
    {
        var page = events.FirstOrDefault(e => e.Name is EventNames.PageViewed or EventNames.SessionStarted)?.Properties;
        return page?.Text("url") is { } landing ? visitor.EnsureSession(landing, page.Text("referrer")) : visitor.Session;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status);
}
