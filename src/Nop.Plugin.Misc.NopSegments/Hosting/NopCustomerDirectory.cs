using System.Globalization;
using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Services.Customers;
using Nop.Services.Messages;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>
/// Customers from nopCommerce's customer service (a guest's email is the one they gave at checkout); marketing consent is
/// an active newsletter subscription.
/// </summary>
internal sealed class NopCustomerDirectory(
    ICustomerService customers, INewsLetterSubscriptionService newsletters, Core.IStoreContext store, Customers.NopGuestContacts guests) : ICustomerDirectory
{
    public async Task<CustomerInfo> FindAsync(string customerId, CancellationToken cancellationToken = default) =>
        int.TryParse(customerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await InfoAsync(await customers.GetCustomerByIdAsync(id)) : null;

    public async Task<CustomerInfo> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        await InfoAsync(await customers.GetCustomerByEmailAsync(email));

    private async Task<CustomerInfo> InfoAsync(Customer customer)
    {
        if (customer is null || customer.Deleted)
            return null;
        var storeId = (await store.GetCurrentStoreAsync()).Id;
        var email = await guests.EmailOfAsync(customer);
        var subscribed = !string.IsNullOrEmpty(email)
            && (await newsletters.GetNewsLetterSubscriptionsByEmailAsync(email, storeId, isActive: true)).Count > 0;
        return new CustomerInfo(customer.Id.ToString(CultureInfo.InvariantCulture), email)
        {
            FirstName = customer.FirstName, LastName = customer.LastName, IsRegistered = await customers.IsRegisteredAsync(customer),
            AcceptsMarketing = subscribed, Gender = customer.Gender, City = customer.City, Phone = customer.Phone,
            DateOfBirth = customer.DateOfBirth is { } born ? DateOnly.FromDateTime(born) : null,
            Roles = [.. (await customers.GetCustomerRolesAsync(customer)).Select(r => r.SystemName ?? r.Name)],
        };
    }
}
