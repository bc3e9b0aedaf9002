using NopSegments.DemoStore.Cart;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NopSegments.DemoStore.Pages;

internal sealed class CartModel(CartService carts) : PageModel
{
    public CartView Cart { get; private set; } = CartView.Empty;

    public async Task OnGetAsync(CancellationToken ct) => Cart = await carts.GetAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? sku, string? quantity, CancellationToken ct)
    {
        if (ParseQuantity(quantity) is not { } count)
            return Back("Enter the quantity as a whole number.", sku);
        var error = await carts.AddAsync(sku, count, ct);
        if (error is not null)
            return Back(error, sku);
        TempData["Message"] = "Added to your cart.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync(string? sku, string? quantity, CancellationToken ct)
    {
        if (ParseQuantity(quantity) is not { } count)
            return Done("Enter the quantity as a whole number.");
        return Done(await carts.SetQuantityAsync(sku, count, ct), "Your cart was updated.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? sku, CancellationToken ct) =>
        Done(await carts.RemoveAsync(sku, ct), "Removed from your cart.");

    public async Task<IActionResult> OnPostDiscountAsync(string? code, CancellationToken ct) =>
        Done(await carts.ApplyDiscountAsync(code, ct), "Your discount code was applied.");

    private static int? ParseQuantity(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private RedirectToPageResult Done(string? error, string? success = null)
    {
        if (error is null)
            TempData["Message"] = success;
        else
            TempData["Error"] = error;
        return RedirectToPage();
    }

    /// <summary>A failed add goes back to the product page it came from, when there is one.</summary>
    private IActionResult Back(string error, string? sku)
    {
        TempData["Error"] = error;
        return string.IsNullOrWhiteSpace(sku) || error.StartsWith("We could not find", StringComparison.Ordinal)
            ? RedirectToPage()
            : LocalRedirect($"/product/{Uri.EscapeDataString(sku.Trim())}");
    }
}
