using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Orders;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Privacy;
using NopSegments.Tracking;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Pages.Account;

[Authorize]
internal sealed class AccountModel(StoreDbContext db, Shopper shopper, StoreEvents events, IPersonalData personalData, ICurrentVisitor visitor)
    : PageModel
{
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
            return RedirectToPage("/Login");
        Orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == Customer.Id)
            .OrderByDescending(o => o.PlacedAt).Take(50).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConsentAsync(bool acceptsMarketing, CancellationToken ct)
    {
        var customer = await LoadAsync(ct);
        if (customer is null)
            return RedirectToPage("/Login");
        if (customer.AcceptsMarketing != acceptsMarketing)
        {
            customer.AcceptsMarketing = acceptsMarketing;
            await db.SaveChangesAsync(ct);
            events.Publish(acceptsMarketing ? EventNames.Subscribed : EventNames.Unsubscribed);
        }
        TempData["Message"] = acceptsMarketing ? "You will hear about offers and news." : "You will not receive marketing emails.";
        return RedirectToPage();
    }

    /// <summary>
    /// Deletes the account as nopCommerce's GDPR delete does: the person's details go, the orders stay for the books
    /// under a nameless guest. The module erases everything it holds about them.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken ct)
    {
        var customer = await LoadAsync(ct);
        if (customer is null)
            return RedirectToPage("/Login");
        if (!confirm)
        {
            TempData["Message"] = "Tick the box to confirm that your account should be deleted.";
            return RedirectToPage();
        }
        (customer.Email, customer.PasswordHash, customer.FirstName, customer.LastName) = (null, null, null, null);
        (customer.Country, customer.City, customer.Gender, customer.DateOfBirth) = (null, null, null, null);
        (customer.IsRegistered, customer.AcceptsMarketing, customer.Roles) = (false, false, Customer.GuestsRole);
        await db.SaveChangesAsync(ct);
        await personalData.EraseAsync(customer.Id.ToString(CultureInfo.InvariantCulture), ct);
        await HttpContext.SignOutAsync();
        visitor.StartOver();
        TempData["Message"] = "Your account and everything the shop recorded about your visits have been deleted.";
        return Redirect("/");
    }

    private async Task<Customer?> LoadAsync(CancellationToken ct)
    {
        var customer = shopper.CustomerId is { } id ? await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        if (customer is not null)
            Customer = customer;
        return customer;
    }
}
