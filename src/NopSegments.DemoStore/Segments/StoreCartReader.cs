using NopSegments.DemoStore.Cart;
using NopSegments.DemoStore.Customers;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// Reads a customer's cart. The module's visitor id is not the store's guest key, so an anonymous
/// visitor's cart is only readable once they are known as a customer.
/// </summary>
internal sealed class StoreCartReader(CartService carts, IStoreContext store) : ICartReader
{
    public async Task<CartSnapshot> GetCartAsync(string? customerId, string visitorId, CancellationToken cancellationToken = default)
    {
        var restore = new Uri(store.Current.Url, "cart");
        if (!int.TryParse(customerId, out var id))
            return new CartSnapshot([], restore);
        var view = await carts.ViewAsync(Shopper.CustomerKey(id), cancellationToken);
        return new CartSnapshot([.. view.Lines.Select(l => new CartLine(l.Sku, l.Name, l.UnitPrice, l.Quantity))], restore);
    }
}
