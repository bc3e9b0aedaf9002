using NopSegments.DemoStore.Cart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Segments;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Pages;

internal sealed class RegisterModel(CustomerAccounts accounts, CartService carts, StoreEvents events, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegistrationForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Form.DateOfBirth is { } born && (born > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) || born.Year < 1900))
            ModelState.AddModelError("Form.DateOfBirth", "Enter a real date of birth, or leave it empty.");
        if (!ModelState.IsValid)
            return Page();
        var (customer, error) = await accounts.RegisterAsync(Form, ct);
        if (customer is null)
        {
            ModelState.AddModelError("Form.Email", error!);
            return Page();
        }
        await carts.MergeGuestCartAsync(customer.Id, ct);
        await CustomerAccounts.SignInAsync(HttpContext, customer);
        events.Publish(EventNames.SignedUp, customerId: customer.Id);
        if (customer.AcceptsMarketing)
            events.Publish(EventNames.Subscribed, customerId: customer.Id);
        TempData["Message"] = $"Welcome, {customer.FirstName}! Your account is ready.";
        return LocalRedirect("/account");
    }
}
