using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

internal sealed class StoreCustomerDirectory(StoreDbContext db) : ICustomerDirectory
{
    public async Task<CustomerInfo?> FindAsync(string customerId, CancellationToken cancellationToken = default) =>
        int.TryParse(customerId, out var id)
            ? ToInfo(await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken))
            : null;

    public async Task<CustomerInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = email.Trim().ToLowerInvariant();
        return ToInfo(await db.Customers.AsNoTracking().Where(c => c.Email == normalized)
            .OrderByDescending(c => c.IsRegistered).FirstOrDefaultAsync(cancellationToken));
    }

    private static CustomerInfo? ToInfo(Customer? c) => c is null ? null : new CustomerInfo(
        c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Email)
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        IsRegistered = c.IsRegistered,
        AcceptsMarketing = c.AcceptsMarketing,
        Gender = c.Gender,
        DateOfBirth = c.DateOfBirth,
        Country = c.Country,
        City = c.City,
        Phone = c.Phone,
        Language = "en",
        Roles = c.RoleList,
    };
}
