using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class ProductModel(StoreDbContext db, StoreEvents events) : PageModel
{
    public Product Product { get; private set; } = null!;
    public IReadOnlyList<Product> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string sku, CancellationToken ct)
    {
        var normalized = sku.Trim().ToUpperInvariant();
        var product = await db.Products.AsNoTracking().Include(p => p.Category).FirstOrDefaultAsync(p => p.Sku == normalized, ct);
        if (product is null)
            return NotFound();
        Product = product;
        Related = await db.Products.AsNoTracking()
            .Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id)
            .OrderByDescending(p => p.Popularity).Take(6).ToListAsync(ct);
        events.Publish(EventNames.ProductViewed, StoreEvents.ViewProperties(product));
        return Page();
    }
}
