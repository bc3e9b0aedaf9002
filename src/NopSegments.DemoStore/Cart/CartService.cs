using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Cart;

/// <summary>The shopper's cart. Every change is checked first, so bad input changes and records nothing.</summary>
internal sealed class CartService(StoreDbContext db, Shopper shopper, StoreEvents events, TimeProvider clock)
{
    public const int MaxQuantity = 999;

    public async Task<CartView> GetAsync(CancellationToken ct) => await ViewAsync(shopper.CartOwnerKey, ct);

    public async Task<CartView> ViewAsync(string ownerKey, CancellationToken ct)
    {
        var cart = await db.Carts.AsNoTracking().Where(c => c.OwnerKey == ownerKey)
            .Include(c => c.Items).ThenInclude(i => i.Product).ThenInclude(p => p!.Category)
            .FirstOrDefaultAsync(ct);
        if (cart is null)
            return CartView.Empty;
        var percent = cart.DiscountCode is null ? 0
            : await db.Discounts.Where(d => d.Code == cart.DiscountCode).Select(d => d.Percent).FirstOrDefaultAsync(ct);
        var lines = cart.Items.OrderBy(i => i.Id)
            .Select(i => new CartLineView(i.Product!.Sku, i.Product.Name, i.Product.Category?.Name ?? "", i.Product.Price, i.Quantity))
            .ToList();
        return new CartView(lines, cart.DiscountCode, percent);
    }

    public async Task<string?> AddAsync(string? sku, int quantity, CancellationToken ct)
    {
        if (QuantityError(quantity, allowZero: false) is { } error)
            return error;
        var product = await FindProductAsync(sku, ct);
        if (product is null)
            return $"We could not find a product '{sku}'. It may have been removed from the catalog.";
        var cart = await LoadOrCreateAsync(ct);
        var item = cart.Items.FirstOrDefault(i => i.ProductId == product.Id);
        if ((item?.Quantity ?? 0) + quantity > MaxQuantity)
            return $"You can order at most {MaxQuantity} of one product.";
        if (item is null)
            cart.Items.Add(new CartItem { ProductId = product.Id, Quantity = quantity });
        else
            item.Quantity += quantity;
        await db.SaveChangesAsync(ct);
        events.Publish(EventNames.AddedToCart, StoreEvents.LineProperties(product, quantity));
        return null;
    }

    public async Task<string?> SetQuantityAsync(string? sku, int quantity, CancellationToken ct)
    {
        if (QuantityError(quantity, allowZero: true) is { } error)
            return error;
        var cart = await LoadOrCreateAsync(ct);
        var item = cart.Items.FirstOrDefault(i => i.Product!.Sku == sku);
        if (item is null)
            return "That product is not in your cart any more.";
        var delta = quantity - item.Quantity;
        if (quantity == 0)
            cart.Items.Remove(item);
        else
            item.Quantity = quantity;
        await db.SaveChangesAsync(ct);
        if (delta != 0)
            events.Publish(delta > 0 ? EventNames.AddedToCart : EventNames.RemovedFromCart,
                StoreEvents.LineProperties(item.Product!, Math.Abs(delta)));
        return null;
    }

    public Task<string?> RemoveAsync(string? sku, CancellationToken ct) => SetQuantityAsync(sku, 0, ct);

    /// <summary>
    /// Puts a restore link's lines into this browser's cart: a missing line is added, a smaller quantity raised; what the
    /// cart holds beyond them stays. Returns how many lines are in place and the SKUs the catalog no longer has.
    /// </summary>
    public async Task<(int Restored, IReadOnlyList<string> Missing)> RestoreAsync(IReadOnlyList<CartRestoreLinks.Line> lines, CancellationToken ct)
    {
        var (restored, missing) = (0, new List<string>());
        var current = await GetAsync(ct);
        foreach (var line in lines.Where(l => l.Quantity > 0))
        {
            var have = current.Lines.FirstOrDefault(l => l.Sku == line.Sku)?.Quantity ?? 0;
            var quantity = Math.Min(line.Quantity, MaxQuantity);
            var error = have == 0 ? await AddAsync(line.Sku, quantity, ct) : have < quantity ? await SetQuantityAsync(line.Sku, quantity, ct) : null;
            if (error is null)
                restored++;
            else
                missing.Add(line.Sku);
        }
        return (restored, missing);
    }

    public async Task<string?> ApplyDiscountAsync(string? code, CancellationToken ct)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalized))
            return "Enter a discount code.";
        var discount = await db.Discounts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == normalized, ct);
        if (discount is null)
            return $"'{code!.Trim()}' is not a valid discount code.";
        if (!discount.IsUsableAt(clock.GetUtcNow().UtcDateTime))
            return $"The code {discount.Code} has expired or was already used.";
        var cart = await LoadOrCreateAsync(ct);
        if (cart.Items.Count == 0)
            return "Add something to your cart before using a discount code.";
        cart.DiscountCode = discount.Code;
        await db.SaveChangesAsync(ct);
        events.Publish(EventNames.DiscountApplied, new Dictionary<string, object?> { ["discount_code"] = discount.Code });
        return null;
    }

    /// <summary>A guest who signs in keeps what they put in the cart.</summary>
    public async Task MergeGuestCartAsync(int customerId, CancellationToken ct)
    {
        var guestKey = shopper.GuestKey();
        var guest = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.OwnerKey == guestKey, ct);
        if (guest is null || guest.Items.Count == 0)
            return;
        var customer = await LoadOrCreateAsync(Shopper.CustomerKey(customerId), ct);
        foreach (var item in guest.Items)
        {
            var same = customer.Items.FirstOrDefault(i => i.ProductId == item.ProductId);
            if (same is null)
                customer.Items.Add(new CartItem { ProductId = item.ProductId, Quantity = item.Quantity });
            else
                same.Quantity = Math.Min(MaxQuantity, same.Quantity + item.Quantity);
        }
        customer.DiscountCode ??= guest.DiscountCode;
        db.Carts.Remove(guest);
        await db.SaveChangesAsync(ct);
    }

    public async Task ClearAsync(string ownerKey, CancellationToken ct) =>
        await db.Carts.Where(c => c.OwnerKey == ownerKey).ExecuteDeleteAsync(ct);

    private static string? QuantityError(int quantity, bool allowZero) => quantity switch
    {
        < 0 => "The quantity cannot be negative.",
        0 when !allowZero => "Choose a quantity of at least 1.",
        > MaxQuantity => $"You can order at most {MaxQuantity} of one product.",
        _ => null,
    };

    private Task<Product?> FindProductAsync(string? sku, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(sku) ? Task.FromResult<Product?>(null)
            : db.Products.Include(p => p.Category).FirstOrDefaultAsync(p => p.Sku == sku.Trim().ToUpperInvariant(), ct);

    private Task<ShoppingCart> LoadOrCreateAsync(CancellationToken ct) => LoadOrCreateAsync(shopper.CartOwnerKey, ct);

    private async Task<ShoppingCart> LoadOrCreateAsync(string ownerKey, CancellationToken ct)
    {
        var cart = await db.Carts.Include(c => c.Items).ThenInclude(i => i.Product).ThenInclude(p => p!.Category)
            .FirstOrDefaultAsync(c => c.OwnerKey == ownerKey, ct);
        if (cart is not null)
            return cart;
        cart = new ShoppingCart { OwnerKey = ownerKey };
        db.Carts.Add(cart);
        return cart;
    }
}
