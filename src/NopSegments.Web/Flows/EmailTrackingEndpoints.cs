using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Flows;
using NopSegments.Tracking;

namespace NopSegments.Web.Flows;

/// <summary>
/// Where an email's pixel and links land: the first open and click are kept on the send (for the flow's page and
/// attribution) and each is recorded as an <c>email_opened</c> / <c>email_clicked</c> event of the person, so segments can
/// use them; a click then goes on to the link's target.
/// </summary>
internal static class EmailTrackingEndpoints
{
    // A transparent 1×1 GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static async Task<FileContentHttpResult> OpenAsync(
        string? t, EmailTrackingLinks links, FlowAttribution attribution, FlowStore flows, ISegmentsTracker tracker, TimeProvider clock,
        ILoggerFactory logs, CancellationToken ct)
    {
        // A mail client gets its image whatever the token: an error there helps no one.
        if (links.Read(t) is { Target: null } open)
            await RecordAsync(open.SendId, click: false, attribution, flows, tracker, clock, logs, ct);
        return TypedResults.File(Pixel, "image/gif");
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>>> ClickAsync(
        string? t, EmailTrackingLinks links, FlowAttribution attribution, FlowStore flows, ISegmentsTracker tracker, TimeProvider clock,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (links.Read(t) is not { Target: { } target } click)
            return TypedResults.BadRequest("This link is not valid. Use the link in the email you received, or visit the shop.");
        await RecordAsync(click.SendId, click: true, attribution, flows, tracker, clock, logs, ct);
        return TypedResults.Redirect(target.AbsoluteUri);
    }

    private static async Task RecordAsync(
        long sendId, bool click, FlowAttribution attribution, FlowStore flows, ISegmentsTracker tracker, TimeProvider clock, ILoggerFactory logs,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            if (await attribution.RecordAsync(sendId, click, now.UtcDateTime, ct) is not { } send
                || await flows.CustomerOfAsync(send.ProfileId, ct) is not { } customerId)
                return;
            // The person's action without a browser of ours: the customer id stands in for the visitor id.
            tracker.Track(new StoreEvent(click ? EventNames.EmailClicked : EventNames.EmailOpened, customerId, now)
            {
                CustomerId = customerId,
                Properties = new Dictionary<string, object?> { ["flow"] = send.Flow, ["step"] = (send.Step + 1).ToString(CultureInfo.InvariantCulture) },
            });
        }
#pragma warning disable CA1031 // The shopper still gets the page they clicked for; the failure is logged.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logs.CreateLogger(typeof(EmailTrackingEndpoints)).LogWarning(ex, "Could not record an email {What} for send {Send}", click ? "click" : "open", sendId);
        }
    }
}
