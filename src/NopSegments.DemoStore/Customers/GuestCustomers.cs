using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Customers;

/// <summary>
/// The store's one guest customer per email, as nopCommerce keeps them. The checkout's email field (through the module)
/// and the order itself may ask for it at the same moment: one at a time, so they find the same customer.
/// </summary>
internal sealed class GuestCustomers(StoreDbContext db, TimeProvider clock)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<Customer> FindOrAddAsync(string email, Action<Customer> update, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        await OneAtATime.WaitAsync(ct);
        try
        {
            var guest = await db.Customers.FirstOrDefaultAsync(c => c.Email == normalized && !c.IsRegistered, ct);
            if (guest is null)
            {
                guest = new Customer { Email = normalized, Roles = Customer.GuestsRole, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Customers.Add(guest);
            }
            update(guest);
            await db.SaveChangesAsync(ct);
            return guest;
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
