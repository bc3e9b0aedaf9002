using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// A widget zone the module's offers may fill: <c>&lt;nopsegments-zone name="productdetails_top" page-type="product"
/// category="Candles" /&gt;</c>. The offer decided for the visitor is rendered in place — or, when the host caches the
/// page (<see cref="NopSegmentsOptions.CachedPages"/> or <c>cached="true"</c>), an empty placeholder the browser tracker
/// fills for whoever is looking, so one shopper's offer or code never reaches another.
/// </summary>
[HtmlTargetElement("nopsegments-zone", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OfferZoneTagHelper(IHttpContextAccessor http) : TagHelper
{
    /// <summary>The zone's name, nopCommerce's (e.g. <c>productdetails_top</c>, <c>home_page_top</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The page's type for campaigns that target one (product, category, home, cart, checkout, search).</summary>
    public string? PageType { get; set; }

    /// <summary>The page's category for campaigns that target one.</summary>
    public string? Category { get; set; }

    /// <summary>True when this page is cached by the host and shared between shoppers.</summary>
    public bool? Cached { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (http.HttpContext is not { } request || string.IsNullOrWhiteSpace(Name))
            return;
        var services = request.RequestServices;
        var options = services.GetRequiredService<IOptions<NopSegmentsOptions>>().Value;
        var page = new PageFacts(PageType, Category);
        if (Cached ?? options.CachedPages)
        {
            if (services.GetRequiredService<ModuleState>().IsInstalled)
                output.Content.SetHtmlContent($"<div data-nopsegments-zone=\"{Attr(Name)}\" data-page-type=\"{Attr(PageType)}\" data-category=\"{Attr(Category)}\" hidden></div>");
            return;
        }
        try
        {
            output.Content.SetHtmlContent(await RenderAsync(request, services.GetRequiredService<PageOffers>(), page));
        }
#pragma warning disable CA1031 // An offer is never worth a broken page: the zone stays empty and the failure is logged.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            services.GetRequiredService<ILogger<OfferZoneTagHelper>>().LogError(ex, "Could not decide or render the offer of zone {Zone}", Name);
        }
    }

    private async Task<string> RenderAsync(HttpContext request, PageOffers offers, PageFacts page)
    {
        var all = await offers.DecideAsync(request, page, [Name], request.RequestAborted);
        if (all.Count == 0)
            return "";
        var decided = all[0];
        // Shown on arrival, it is rendered here; the holdout's and later triggers' wait in a hidden box for the tracker.
        if (decided.Decision.IsHoldout || decided.Trigger.Kind != Data.Campaigns.CampaignTrigger.Arrival)
        {
            return $"<div data-nopsegments-offer=\"{Attr(decided.Token)}\" data-slot=\"{Attr(Name)}\" data-pending " +
                $"data-trigger=\"{decided.Trigger.Kind}\" data-trigger-value=\"{decided.Trigger.Value}\"{(decided.Decision.IsHoldout ? " data-holdout" : "")} hidden></div>";
        }
        return await offers.RenderAsync(request, decided.Served, decided.Token, decided.Decision.Campaign, request.RequestAborted) ?? "";
    }

    private static string Attr(string? value) => WebUtility.HtmlEncode(value ?? "");
}
