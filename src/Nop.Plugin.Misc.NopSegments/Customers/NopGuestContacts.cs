using System.Globalization;
using Nop.Core;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Data;
using Nop.Core.Domain.Messages;
using Nop.Services.Common;
using Nop.Services.Customers;
using Nop.Services.Messages;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Customers;

/// <summary>
/// The email a guest types at nopCommerce's checkout, kept on nopCommerce's own guest customer for this visitor (a
/// customer attribute, not the customer's Email: that would stop the guest registering with it later), and consent as
/// nopCommerce keeps it: the store's newsletter lists ticked by default. An address of a registered account is refused.
/// </summary>
public sealed class NopGuestContacts(
    IWorkContext work, ICustomerService customers, IGenericAttributeService attributes, INewsLetterSubscriptionService newsletters,
    INewsLetterSubscriptionTypeService newsletterTypes, Core.IStoreContext storeContext, IRepository<GenericAttribute> attributeRows) : IGuestContacts
{
    /// <summary>The customer attribute holding a guest's checkout email.</summary>
    public const string EmailAttribute = "NopSegments.CheckoutEmail";

    public async Task<string> IdentifyGuestAsync(string email, bool acceptsMarketing, CancellationToken cancellationToken = default)
    {
        var customer = await work.GetCurrentCustomerAsync();
        if (await customers.IsRegisteredAsync(customer))
            return string.Equals(customer.Email, email, StringComparison.OrdinalIgnoreCase) ? Id(customer) : null;
        if (await customers.GetCustomerByEmailAsync(email) is { } owner && await customers.IsRegisteredAsync(owner))
            return null;
        await RememberAsync(customer, email);
        if (acceptsMarketing)
            await SubscribeAsync(email);
        return Id(customer);
    }

    /// <summary>Keeps <paramref name="email"/> on a guest (also the billing email of a guest's order).</summary>
    public async Task RememberAsync(Customer guest, string email)
    {
        if (!string.Equals(await attributes.GetAttributeAsync<string>(guest, EmailAttribute), email, StringComparison.Ordinal))
            await attributes.SaveAttributeAsync(guest, EmailAttribute, email);
    }

    /// <summary>The email the module may use for a customer: their account's, or the one they gave at checkout as a guest.</summary>
    public async Task<string> EmailOfAsync(Customer customer) =>
        !string.IsNullOrEmpty(customer.Email) ? customer.Email : await attributes.GetAttributeAsync<string>(customer, EmailAttribute);

    /// <summary>Removes every checkout email the plugin kept (uninstall); newsletter subscriptions are nopCommerce's own and stay.</summary>
    public Task<int> ForgetAllAsync() => attributeRows.DeleteAsync(a => a.Key == EmailAttribute);

    private async Task SubscribeAsync(string email)
    {
        var store = await storeContext.GetCurrentStoreAsync();
        var current = await newsletters.GetNewsLetterSubscriptionsByEmailAsync(email, storeId: store.Id);
        var language = await work.GetWorkingLanguageAsync();
        var guid = current.FirstOrDefault()?.NewsLetterSubscriptionGuid ?? Guid.NewGuid();
        foreach (var type in (await newsletterTypes.GetAllNewsLetterSubscriptionTypesAsync(store.Id)).Where(t => t.TickedByDefault))
        {
            if (current.FirstOrDefault(s => s.TypeId == type.Id) is { } existing)
            {
                if (!existing.Active)
                {
                    existing.Active = true;
                    await newsletters.UpdateNewsLetterSubscriptionAsync(existing);
                }
                continue;
            }
            await newsletters.InsertNewsLetterSubscriptionAsync(new NewsLetterSubscription
            {
                NewsLetterSubscriptionGuid = guid, Email = email, Active = true, TypeId = type.Id, StoreId = store.Id, LanguageId = language.Id,
                CreatedOnUtc = DateTime.UtcNow,
            });
        }
    }

    private static string Id(Customer customer) => customer.Id.ToString(CultureInfo.InvariantCulture);
}
