using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class CategoryModel(StoreDbContext db, StoreEvents events) : PageModel
{
    private const int PageSize = 24;

    public Category Category { get; private set; } = null!;
    public IReadOnlyList<Product> Products { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (category is null)
            return NotFound();
        Category = category;
        var query = db.Products.AsNoTracking().Where(p => p.CategoryId == category.Id);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Products = await query.OrderByDescending(p => p.Popularity).ThenBy(p => p.Sku)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        events.Publish(EventNames.CategoryViewed, new Dictionary<string, object?> { ["category"] = category.Name });
        return Page();
    }
}
