using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Nop.Web.Framework.Components;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Components;

/// <summary>A widget zone's offer for the visitor, decided by the module (nothing, when no campaign wins the zone).</summary>
public sealed class OfferZoneViewComponent(NopSegmentsPlugin module) : NopViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string widgetZone, object additionalData) =>
        new HtmlContentViewComponentResult(await module.OfferZoneAsync(HttpContext, widgetZone, ZonePages.Of(widgetZone, additionalData)));
}
