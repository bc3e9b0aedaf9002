namespace NopSegments.Hosting;

/// <summary>The host's catalog: names, links, images and prices for emails and offers.</summary>
public interface IProductCatalog
{
    /// <summary>The product with this SKU, or null.</summary>
    Task<ProductInfo?> FindProductAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>The store's categories.</summary>
    Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A product as shoppers see it.</summary>
public sealed record ProductInfo(string Sku, string Name, string? Category, string? Brand, decimal Price, Uri Url, Uri? ImageUrl);

/// <summary>A category as shoppers see it.</summary>
public sealed record CategoryInfo(string Name, Uri Url);
