using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Customers;

/// <summary>Registration and sign-in with the store's own customer table and cookie.</summary>
internal sealed class CustomerAccounts(StoreDbContext db, IPasswordHasher<Customer> passwords, TimeProvider clock)
{
    public Task<Customer?> FindByEmailAsync(string email, CancellationToken ct) =>
        db.Customers.Where(c => c.Email == email.Trim().ToLowerInvariant())
            .OrderByDescending(c => c.IsRegistered).FirstOrDefaultAsync(ct);

    public async Task<Customer?> VerifyAsync(string email, string password, CancellationToken ct)
    {
        var customer = await FindByEmailAsync(email, ct);
        if (customer?.PasswordHash is null)
            return null;
        return passwords.VerifyHashedPassword(customer, customer.PasswordHash, password) == PasswordVerificationResult.Failed
            ? null : customer;
    }

    public async Task<(Customer? Customer, string? Error)> RegisterAsync(RegistrationForm form, CancellationToken ct)
    {
        var email = form.Email.Trim().ToLowerInvariant();
        var existing = await FindByEmailAsync(email, ct);
        if (existing is { IsRegistered: true })
            return (null, "An account with this email already exists. Log in instead.");

        // A guest who checked out before becomes the registered customer, keeping their orders.
        var customer = existing ?? new Customer { Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        customer.FirstName = form.FirstName.Trim();
        customer.LastName = form.LastName.Trim();
        customer.Country = string.IsNullOrWhiteSpace(form.Country) ? null : form.Country.Trim();
        customer.Gender = string.IsNullOrWhiteSpace(form.Gender) ? null : form.Gender;
        customer.DateOfBirth = form.DateOfBirth;
        customer.Phone = string.IsNullOrWhiteSpace(form.Phone) ? null : form.Phone.Trim();
        customer.AcceptsMarketing = form.AcceptsMarketing;
        customer.IsRegistered = true;
        customer.Roles = Customer.RegisteredRole;
        customer.PasswordHash = passwords.HashPassword(customer, form.Password);
        if (existing is null)
            db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return (customer, null);
    }

    public static Task SignInAsync(HttpContext http, Customer customer)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, customer.Email ?? ""),
            new(ClaimTypes.Name, customer.FirstName ?? customer.Email ?? "Customer"),
        };
        claims.AddRange(customer.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
