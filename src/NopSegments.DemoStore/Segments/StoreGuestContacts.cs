using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// The store's guest customer for an email typed at checkout (the one a guest order is placed under), with the consent
/// given beside it and this browser's guest cart, so the module can read the cart a guest left.
/// </summary>
internal sealed class StoreGuestContacts(StoreDbContext db, Shopper shopper, GuestCustomers guests) : IGuestContacts
{
    public async Task<string?> IdentifyGuestAsync(string email, bool acceptsMarketing, CancellationToken cancellationToken = default)
    {
        if (shopper.CustomerId is { } signedIn)
            return signedIn.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var normalized = email.Trim().ToLowerInvariant();
        if (await db.Customers.AnyAsync(c => c.Email == normalized && c.IsRegistered, cancellationToken))
            return null;
        var guest = await guests.FindOrAddAsync(normalized, g => (g.AcceptsMarketing, g.GuestKey) = (acceptsMarketing, shopper.GuestKey()), cancellationToken);
        return guest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
