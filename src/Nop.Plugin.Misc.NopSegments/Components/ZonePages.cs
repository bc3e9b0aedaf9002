using Nop.Web.Models.Catalog;
using NopSegments.Web.Campaigns;

namespace Nop.Plugin.Misc.NopSegments.Components;

/// <summary>What page a widget zone is on, for campaigns that target page types or categories.</summary>
internal static class ZonePages
{
    public static PageFacts Of(string widgetZone, object additionalData) => additionalData switch
    {
        ProductDetailsModel product => new PageFacts("product", product.Breadcrumb?.CategoryBreadcrumb?.LastOrDefault()?.Name),
        CategoryModel category => new PageFacts("category", category.Name),
        _ => new PageFacts(widgetZone switch
        {
            "home_page_top" => "home",
            _ when widgetZone.StartsWith("productdetails", StringComparison.Ordinal) => "product",
            _ when widgetZone.StartsWith("categorydetails", StringComparison.Ordinal) => "category",
            _ when widgetZone.StartsWith("order_summary", StringComparison.Ordinal) => "cart",
            _ when widgetZone.StartsWith("checkout", StringComparison.Ordinal) => "checkout",
            _ => null,
        }, null),
    };
}
