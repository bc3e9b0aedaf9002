using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Campaigns;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// What a widget zone holds for the request's visitor — the tag helper's and a host's widget component's: the offer
/// rendered (trigger on arrival), a hidden box the tracker arms (a later trigger, or the holdout), a placeholder (cached
/// pages), or nothing. A failure to decide or render leaves the zone empty and is logged: an offer is never worth a
/// broken page.
/// </summary>
internal static class OfferZoneMarkup
{
    public static string Placeholder(string zone, PageFacts page) =>
        $"<div data-nopsegments-zone=\"{Attr(zone)}\" data-page-type=\"{Attr(page.PageType)}\" data-category=\"{Attr(page.Category)}\" hidden></div>";

    public static async Task<string> RenderAsync(HttpContext request, string zone, PageFacts page, CancellationToken ct)
    {
        var services = request.RequestServices;
        try
        {
            var offers = services.GetRequiredService<PageOffers>();
            var all = await offers.DecideAsync(request, page, [zone], ct);
            if (all.Count == 0)
                return "";
            var decided = all[0];
            if (decided.Decision.IsHoldout || decided.Trigger.Kind != CampaignTrigger.Arrival)
            {
                return $"<div data-nopsegments-offer=\"{Attr(decided.Token)}\" data-slot=\"{Attr(zone)}\" data-pending " +
                    $"data-trigger=\"{decided.Trigger.Kind}\" data-trigger-value=\"{decided.Trigger.Value}\"{(decided.Decision.IsHoldout ? " data-holdout" : "")} hidden></div>";
            }
            return await offers.RenderAsync(request, decided.Served, decided.Token, decided.Decision.Campaign, ct) ?? "";
        }
#pragma warning disable CA1031 // See the class's summary.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OfferZoneMarkup)).LogError(ex, "Could not decide or render the offer of zone {Zone}", zone);
            return "";
        }
    }

    private static string Attr(string? value) => WebUtility.HtmlEncode(value ?? "");
}
