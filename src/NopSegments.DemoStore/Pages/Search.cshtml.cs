using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class SearchModel(StoreDbContext db, StoreEvents events) : PageModel
{
    public const int MaxResults = 48;
    private const int MaxQueryLength = 100;

    public string Query { get; private set; } = "";
    public string? Message { get; private set; }
    public IReadOnlyList<Product> Results { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "q")] string? q, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        if (Query.Length == 0)
        {
            Message = "Type what you are looking for, e.g. “lantern” or “lunch bag”.";
            return;
        }
        if (Query.Length > MaxQueryLength)
        {
            Message = $"Searches are limited to {MaxQueryLength} characters.";
            return;
        }
        var words = Query.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var query = db.Products.AsNoTracking();
        foreach (var word in words)
            query = query.Where(p => p.Name.ToUpper().Contains(word) || p.Sku == word);
        Results = await query.OrderByDescending(p => p.Popularity).Take(MaxResults).ToListAsync(ct);
        events.Publish(EventNames.Searched, new Dictionary<string, object?> { ["query"] = Query });
    }
}
