using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Hosting;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Where the tracker posts the email a guest typed at checkout and the marketing-consent box beside it: the host makes
/// (or finds) its guest customer for it, and the visitor's history joins that customer's profile at once
/// (<c>identified</c>, and <c>subscribed</c> when the box is ticked), so flows can reach a guest who leaves.
/// </summary>
internal static class IdentifyEndpoint
{
    public sealed record Request(string? Email, bool Consent);

    public sealed record Answer(bool Identified, string? Reason = null);

    private const int MaxEmailLength = 254;

    public static async Task<Results<Ok<Answer>, BadRequest<Answer>, NotFound, StatusCodeHttpResult>> HandleAsync(
        HttpContext http, ModuleState state, ICurrentVisitor visitor, ISegmentsTracker tracker, TrackingLimiter limiter, TimeProvider clock,
        IServiceProvider services, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return TypedResults.NotFound();
        Request? posted;
        try
        {
            posted = await http.Request.ReadFromJsonAsync<Request>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return TypedResults.BadRequest(new Answer(false, "Post JSON of the form {\"email\": \"…\", \"consent\": true}"));
        }
        var email = posted?.Email?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
            return TypedResults.BadRequest(new Answer(false, "Not an email address"));
        if (!visitor.MayTrack)
            return TypedResults.Ok(new Answer(false, "Tracking is off for this visitor (consent or Do Not Track)"));
        if (limiter.Refuse(visitor.VisitorId, http.Connection.RemoteIpAddress, 1) is not null)
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        if (services.GetService<IGuestContacts>() is not { } guests)
            return TypedResults.Ok(new Answer(false, "The store keeps no guest contacts"));
        if (await guests.IdentifyGuestAsync(email, posted!.Consent, ct) is not { } customerId)
            return TypedResults.Ok(new Answer(false, "The address belongs to an account: log in to use it"));
        var now = clock.GetUtcNow();
        var source = new Dictionary<string, object?> { ["source"] = "checkout" };
        tracker.Track(new StoreEvent(EventNames.Identified, visitor.VisitorId, now) { CustomerId = customerId, SessionId = visitor.SessionId, Properties = source });
        if (posted.Consent)
            tracker.Track(new StoreEvent(EventNames.Subscribed, visitor.VisitorId, now) { CustomerId = customerId, SessionId = visitor.SessionId });
        return TypedResults.Ok(new Answer(true));
    }
}
