using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

internal sealed class StoreProductCatalog(StoreDbContext db, IStoreContext store) : IProductCatalog
{
    public async Task<ProductInfo?> FindProductAsync(string sku, CancellationToken cancellationToken = default)
    {
        var normalized = sku.Trim().ToUpperInvariant();
        var product = await db.Products.AsNoTracking().Include(p => p.Category)
            .FirstOrDefaultAsync(p => p.Sku == normalized, cancellationToken);
        if (product is null)
            return null;
        var url = new Uri(store.Current.Url, $"product/{Uri.EscapeDataString(product.Sku)}");
        return new ProductInfo(product.Sku, product.Name, product.Category?.Name, null, product.Price, url, null);
    }

    public async Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken = default)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.DisplayOrder).ToListAsync(cancellationToken);
        return [.. categories.Select(c => new CategoryInfo(c.Name, new Uri(store.Current.Url, $"category/{c.Slug}")))];
    }
}
