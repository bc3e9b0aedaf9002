using System.Globalization;
using Microsoft.Extensions.Logging;
using Nop.Core.Domain.Customers;
using Nop.Services.Customers;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>
/// Hands a store event to the module from a nopCommerce hook: enqueue only, and never an exception into nopCommerce's
/// request. The person is the module's visitor cookie, and the nopCommerce customer once they are known (registered, or a
/// guest who gave an email) — nopCommerce makes a guest customer for every visitor, which is not yet a person.
/// </summary>
internal sealed class StoreEventPublisher(
    NopSegmentsPlugin module, ICurrentVisitor visitor, ISegmentsTracker tracker, ICustomerService customers, Customers.NopGuestContacts guests,
    ILogger<StoreEventPublisher> logger)
{
    public async Task PublishAsync(string name, Customer customer, IReadOnlyDictionary<string, object> properties = null)
    {
        if (!module.IsInstalled)
            return;
        try
        {
            if (!visitor.MayTrack)
                return;
            var known = customer is not null && (await customers.IsRegisteredAsync(customer) || !string.IsNullOrEmpty(await guests.EmailOfAsync(customer)));
            var session = visitor.Session;
            var result = tracker.Track(new StoreEvent(name, visitor.VisitorId, DateTimeOffset.UtcNow)
            {
                CustomerId = known ? customer.Id.ToString(CultureInfo.InvariantCulture) : null,
                SessionId = session.Id,
                Properties = session.With(properties),
            });
            if (!result.Accepted)
                logger.LogWarning("NopSegments refused {Event}: {Reason}", name, result.Reason);
        }
#pragma warning disable CA1031 // nopCommerce's request must succeed whatever the module does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not hand {Event} to NopSegments", name);
        }
    }
}
