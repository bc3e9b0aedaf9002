using System.Globalization;
using Nop.Core.Domain.Catalog;
using Nop.Services.Catalog;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>A product as the module's line-item properties say it.</summary>
internal static class CatalogFacts
{
    public static async Task<string> CategoryOfAsync(ICategoryService categories, int productId) =>
        (await categories.GetProductCategoriesByProductIdAsync(productId)).FirstOrDefault() is { } link
            ? (await categories.GetCategoryByIdAsync(link.CategoryId))?.Name : null;

    public static Dictionary<string, object> Line(Product product, string category, int? quantity)
    {
        var line = new Dictionary<string, object>
        {
            ["sku"] = string.IsNullOrEmpty(product.Sku) ? product.Id.ToString(CultureInfo.InvariantCulture) : product.Sku,
            ["product_name"] = product.Name, ["category"] = category, ["price"] = product.Price,
        };
        if (quantity is { } q)
            line["quantity"] = q;
        return line;
    }
}
