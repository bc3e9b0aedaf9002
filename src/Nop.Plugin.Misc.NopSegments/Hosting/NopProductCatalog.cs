using Nop.Core;
using Nop.Services.Catalog;
using Nop.Services.Seo;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>Products and categories from nopCommerce's catalog, with their search-engine-friendly addresses.</summary>
internal sealed class NopProductCatalog(IProductService products, ICategoryService categories, IUrlRecordService urls, IWebHelper web) : IProductCatalog
{
    public async Task<ProductInfo> FindProductAsync(string sku, CancellationToken cancellationToken = default)
    {
        var product = await products.GetProductBySkuAsync(sku);
        if (product is null || product.Deleted)
            return null;
        var category = await Events.CatalogFacts.CategoryOfAsync(categories, product.Id);
        return new ProductInfo(product.Sku, product.Name, category, null, product.Price, Url(await urls.GetSeNameAsync(product)), null);
    }

    public async Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<CategoryInfo>();
        foreach (var category in await categories.GetAllCategoriesAsync())
            list.Add(new CategoryInfo(category.Name, Url(await urls.GetSeNameAsync(category))));
        return list;
    }

    private Uri Url(string seName) => new(new Uri(web.GetStoreLocation()), seName);
}
