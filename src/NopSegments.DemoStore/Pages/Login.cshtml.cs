using NopSegments.DemoStore.Cart;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Segments;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class LoginModel(CustomerAccounts accounts, CartService carts, StoreEvents events) : PageModel
{
    [BindProperty, Required, EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty, Required]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return Page();
        var customer = await accounts.VerifyAsync(Email, Password, ct);
        if (customer is null)
        {
            ModelState.AddModelError("", "That email and password do not match an account.");
            return Page();
        }
        await carts.MergeGuestCartAsync(customer.Id, ct);
        await CustomerAccounts.SignInAsync(HttpContext, customer);
        events.Publish(EventNames.LoggedIn, customerId: customer.Id);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
