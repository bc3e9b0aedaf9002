using NopSegments.DemoStore.Cart;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// Reads a customer's cart. The module's visitor id is not the store's guest key, so an anonymous
/// visitor's cart is only readable once they are known as a customer.
/// </summary>
internal sealed class StoreCartReader(CartService carts, CartRestoreLinks links, StoreDbContext db) : ICartReader
{
    public async Task<CartSnapshot> GetCartAsync(string? customerId, string visitorId, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(customerId, out var id))
            return new CartSnapshot([], links.Create([]));
        // A guest who gave their email at checkout left their cart in that browser's guest cart.
        var guestKey = await db.Customers.Where(c => c.Id == id && !c.IsRegistered).Select(c => c.GuestKey).FirstOrDefaultAsync(cancellationToken);
        var view = await carts.ViewAsync(guestKey ?? Shopper.CustomerKey(id), cancellationToken);
        // The link carries the lines, signed: it rebuilds this cart in a browser the customer has never used here.
        return new CartSnapshot([.. view.Lines.Select(l => new CartLine(l.Sku, l.Name, l.UnitPrice, l.Quantity))],
            links.Create(view.Lines.Select(l => new CartRestoreLinks.Line(l.Sku, l.Quantity))));
    }
}
