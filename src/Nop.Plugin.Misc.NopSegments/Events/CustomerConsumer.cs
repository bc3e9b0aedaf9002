using System.Globalization;
using Nop.Core.Domain.Customers;
using Nop.Core.Events;
using Nop.Services.Events;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Privacy;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>Sign-ups and logins (a login joins the visitor's anonymous history to the customer's); a deleted customer is erased.</summary>
internal sealed class CustomerConsumer(StoreEventPublisher events, IPersonalData personalData)
    : IConsumer<CustomerRegisteredEvent>, IConsumer<CustomerLoggedinEvent>, IConsumer<EntityDeletedEvent<Customer>>
{
    public Task HandleEventAsync(CustomerRegisteredEvent eventMessage) => events.PublishAsync(EventNames.SignedUp, eventMessage.Customer);

    public Task HandleEventAsync(CustomerLoggedinEvent eventMessage) => events.PublishAsync(EventNames.LoggedIn, eventMessage.Customer);

    public Task HandleEventAsync(EntityDeletedEvent<Customer> eventMessage) =>
        personalData.EraseAsync(eventMessage.Entity.Id.ToString(CultureInfo.InvariantCulture));
}
