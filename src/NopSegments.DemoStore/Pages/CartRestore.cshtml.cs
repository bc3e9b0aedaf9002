using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.DemoStore.Cart;

namespace NopSegments.DemoStore.Pages;

/// <summary>Where an email's restore link lands: the cart it carries is rebuilt in this browser, then shown.</summary>
internal sealed class CartRestoreModel(CartRestoreLinks links, CartService carts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (links.Read(token) is not { } lines)
        {
            TempData["Error"] = "This cart link has expired or is not valid. Your cart is as you left it in this browser.";
            return LocalRedirect("/cart");
        }
        var (restored, missing) = await carts.RestoreAsync(lines, ct);
        TempData["Message"] = missing.Count == 0
            ? $"Your cart is back: {restored} {(restored == 1 ? "product" : "products")}."
            : $"Your cart is back: {restored} of {lines.Count} products; {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} no longer available.";
        return LocalRedirect("/cart");
    }
}
