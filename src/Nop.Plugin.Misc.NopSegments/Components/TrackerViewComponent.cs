using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Nop.Web.Framework.Components;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Components;

/// <summary>The browser tracker's script tags at the end of every storefront page.</summary>
public sealed class TrackerViewComponent(NopSegmentsPlugin module) : NopViewComponent
{
    public IViewComponentResult Invoke(string widgetZone, object additionalData)
    {
        var page = ZonePages.Of(widgetZone, additionalData);
        return new HtmlContentViewComponentResult(module.TrackerScriptFor(page.PageType, page.Category));
    }
}
