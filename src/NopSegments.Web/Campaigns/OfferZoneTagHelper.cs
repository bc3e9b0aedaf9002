using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
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
        var plugin = request.RequestServices.GetRequiredService<NopSegmentsPlugin>();
        output.Content.SetHtmlContent(await plugin.OfferZoneAsync(request, Name, new PageFacts(PageType, Category), Cached));
    }
}
