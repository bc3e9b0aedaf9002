using System.Globalization;
using Nop.Core.Domain.Orders;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Orders;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>A customer's shopping cart from nopCommerce; the restore link is the store's cart page (nopCommerce keeps the cart with the customer).</summary>
internal sealed class NopCartReader(ICustomerService customers, IShoppingCartService carts, IProductService products, Core.IWebHelper web) : ICartReader
{
    public async Task<CartSnapshot> GetCartAsync(string customerId, string visitorId, CancellationToken cancellationToken = default)
    {
        var cartPage = new Uri(new Uri(web.GetStoreLocation()), "cart");
        if (!int.TryParse(customerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || await customers.GetCustomerByIdAsync(id) is not { } customer)
            return new CartSnapshot([], cartPage);
        var lines = new List<CartLine>();
        foreach (var item in await carts.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart))
        {
            if (await products.GetProductByIdAsync(item.ProductId) is { } product)
                lines.Add(new CartLine(product.Sku ?? product.Id.ToString(CultureInfo.InvariantCulture), product.Name, product.Price, item.Quantity));
        }
        return new CartSnapshot(lines, cartPage);
    }
}
