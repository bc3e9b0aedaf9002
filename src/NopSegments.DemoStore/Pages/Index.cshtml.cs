using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Pages;

internal sealed class IndexModel(StoreDbContext db) : PageModel
{
    public IReadOnlyList<(Category Category, int Count)> Categories { get; private set; } = [];
    public IReadOnlyList<Product> BestSellers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.Products.GroupBy(p => p.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.DisplayOrder).ToListAsync(ct);
        Categories = [.. categories.Select(c => (c, counts.FirstOrDefault(x => x.Key == c.Id)?.Count ?? 0))];
        BestSellers = await db.Products.AsNoTracking().OrderByDescending(p => p.Popularity).ThenBy(p => p.Sku).Take(12).ToListAsync(ct);
    }
}
