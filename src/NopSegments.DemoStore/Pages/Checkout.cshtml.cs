using NopSegments.DemoStore.Cart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Orders;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class CheckoutModel(CartService carts, CheckoutService checkout, Shopper shopper, StoreDbContext db, StoreEvents events)
    : PageModel
{
    /// <summary>The countries the retailer shipped to in its year of orders.</summary>
    public static IReadOnlyList<string> Countries { get; } =
    [
        "United Kingdom", "Australia", "Austria", "Belgium", "Canada", "Channel Islands", "Cyprus", "Denmark", "EIRE",
        "Finland", "France", "Germany", "Greece", "Iceland", "Israel", "Italy", "Japan", "Netherlands", "Norway",
        "Poland", "Portugal", "Singapore", "Spain", "Sweden", "Switzerland", "USA",
    ];

    [BindProperty]
    public CheckoutForm Form { get; set; } = new();

    public CartView Cart { get; private set; } = CartView.Empty;
    public bool SignedIn => shopper.CustomerId is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cart = await carts.GetAsync(ct);
        if (shopper.CustomerId is { } id && await db.Customers.FindAsync([id], ct) is { } customer)
        {
            Form.Email = customer.Email ?? "";
            Form.Name = $"{customer.FirstName} {customer.LastName}".Trim();
            Form.Country = customer.Country ?? Form.Country;
            Form.City = customer.City;
        }
        if (!Cart.IsEmpty)
            events.Publish(EventNames.CheckoutStarted, new Dictionary<string, object?> { ["value"] = Cart.Total });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (shopper.Email is { Length: > 0 } email)
            Form.Email = email;
        if (!Countries.Contains(Form.Country))
            ModelState.AddModelError("Form.Country", "Choose a country from the list.");
        Cart = await carts.GetAsync(ct);
        if (Cart.IsEmpty)
        {
            TempData["Error"] = "Your cart is empty. Add a product before checking out.";
            return RedirectToPage("/Cart");
        }
        if (!ModelState.IsValid)
            return Page();
        var (order, error) = await checkout.PlaceOrderAsync(Form, ct);
        if (order is null)
        {
            ModelState.AddModelError("", error!);
            return Page();
        }
        return RedirectToPage("/OrderConfirmed", new { number = order.Number });
    }
}
