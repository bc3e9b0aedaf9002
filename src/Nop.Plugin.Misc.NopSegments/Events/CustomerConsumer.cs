using System.Globalization;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Gdpr;
using Nop.Core.Events;
using Nop.Services.Events;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Privacy;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>
/// Sign-ups and logins (a login joins the visitor's anonymous history to the customer's); a customer nopCommerce deletes
/// for good (GDPR "delete", or a row deleted) is erased from the module too.
/// </summary>
internal sealed class CustomerConsumer(StoreEventPublisher events, IPersonalData personalData)
    : IConsumer<CustomerRegisteredEvent>, IConsumer<CustomerLoggedinEvent>, IConsumer<EntityDeletedEvent<Customer>>, IConsumer<CustomerPermanentlyDeleted>
{
    public Task HandleEventAsync(CustomerRegisteredEvent eventMessage) => events.PublishAsync(EventNames.SignedUp, eventMessage.Customer);

    public Task HandleEventAsync(CustomerLoggedinEvent eventMessage) => events.PublishAsync(EventNames.LoggedIn, eventMessage.Customer);

    public Task HandleEventAsync(EntityDeletedEvent<Customer> eventMessage) =>
        personalData.EraseAsync(eventMessage.Entity.Id.ToString(CultureInfo.InvariantCulture));

    public Task HandleEventAsync(CustomerPermanentlyDeleted eventMessage) =>
        personalData.EraseAsync(eventMessage.CustomerId.ToString(CultureInfo.InvariantCulture));
}
