using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Orders;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Pages;

internal sealed class OrderConfirmedModel(StoreDbContext db) : PageModel
{
    public Order Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Number == number, ct);
        if (order is null)
            return NotFound();
        Order = order;
        return Page();
    }
}
