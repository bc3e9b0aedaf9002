using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Orders;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Pages.Admin;

internal sealed class AdminIndexModel(StoreDbContext db) : PageModel
{
    public int Products { get; private set; }
    public int Customers { get; private set; }
    public int Orders { get; private set; }
    public decimal Revenue { get; private set; }
    public IReadOnlyList<Order> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Products = await db.Products.CountAsync(ct);
        Customers = await db.Customers.CountAsync(ct);
        Orders = await db.Orders.CountAsync(ct);
        Latest = await db.Orders.AsNoTracking().OrderByDescending(o => o.PlacedAt).Take(15).ToListAsync(ct);
        if (Latest.Count > 0)
        {
            var since = Latest[0].PlacedAt.AddDays(-30);
            // SQLite cannot sum decimals in SQL; thirty days of orders are few enough to add up here.
            var totals = await db.Orders.Where(o => o.PlacedAt > since).Select(o => o.Total).ToListAsync(ct);
            Revenue = totals.Sum();
        }
    }
}
