using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Cart;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Orders;

/// <summary>Places the order for the current cart: no payment step in the demo store.</summary>
internal sealed class CheckoutService(
    StoreDbContext db, Shopper shopper, CartService carts, GuestCustomers guests, StoreEvents events, TimeProvider clock)
{
    public async Task<(Order? Order, string? Error)> PlaceOrderAsync(CheckoutForm form, CancellationToken ct)
    {
        var ownerKey = shopper.CartOwnerKey;
        var cart = await carts.ViewAsync(ownerKey, ct);
        if (cart.IsEmpty)
            return (null, "Your cart is empty. Add a product before checking out.");

        var now = clock.GetUtcNow().UtcDateTime;
        var discount = cart.DiscountCode is null ? null : await db.Discounts.FirstOrDefaultAsync(d => d.Code == cart.DiscountCode, ct);
        if (discount is not null && !discount.IsUsableAt(now))
            return (null, $"The code {discount.Code} has expired or was already used. Remove it from your cart to continue.");

        var customer = await CustomerForOrderAsync(form, ct);
        var order = new Order
        {
            Number = "",
            CustomerId = customer.Id,
            Email = customer.Email,
            PlacedAt = now,
            Subtotal = cart.Subtotal,
            DiscountAmount = discount is null ? 0 : cart.DiscountAmount,
            DiscountCode = discount?.Code,
            Total = discount is null ? cart.Subtotal : cart.Total,
            Country = form.Country.Trim(),
            Lines = [.. cart.Lines.Select(l => new OrderLine { Sku = l.Sku, ProductName = l.Name, UnitPrice = l.UnitPrice, Quantity = l.Quantity })],
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.Number = $"W{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        db.Orders.Add(order);
        if (discount is not null)
            discount.TimesUsed++;
        await db.SaveChangesAsync(ct);
        await carts.ClearAsync(ownerKey, ct);
        await tx.CommitAsync(ct);

        Publish(order, cart);
        return (order, null);
    }

    private async Task<Customers.Customer> CustomerForOrderAsync(CheckoutForm form, CancellationToken ct)
    {
        if (shopper.CustomerId is { } id)
            return await db.Customers.FirstAsync(c => c.Id == id, ct);

        // A guest checks out with an email: the store keeps a guest customer for it, as nopCommerce does.
        var names = form.Name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return await guests.FindOrAddAsync(form.Email, guest =>
        {
            guest.FirstName ??= names.ElementAtOrDefault(0);
            guest.LastName ??= names.ElementAtOrDefault(1);
            guest.AcceptsMarketing = form.AcceptsMarketing;
            guest.Country = form.Country.Trim();
            guest.City = form.City?.Trim();
        }, ct);
    }

    private void Publish(Order order, CartView cart)
    {
        var orderId = order.Number;
        events.Publish(EventNames.OrderPlaced, new Dictionary<string, object?>
        {
            ["order_id"] = orderId, ["value"] = order.Total, ["currency"] = order.Currency,
            ["discount_code"] = order.DiscountCode, ["country"] = order.Country,
        }, order.CustomerId);
        foreach (var line in cart.Lines)
        {
            events.Publish(EventNames.ProductOrdered, new Dictionary<string, object?>
            {
                ["order_id"] = orderId, ["sku"] = line.Sku, ["product_name"] = line.Name, ["category"] = line.Category,
                ["price"] = line.UnitPrice, ["quantity"] = line.Quantity,
            }, order.CustomerId);
        }
    }
}
