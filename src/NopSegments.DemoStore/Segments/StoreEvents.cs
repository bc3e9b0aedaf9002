using System.Globalization;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Customers;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// The store's side of the host contract for events: translate a store action into
/// <see cref="ISegmentsTracker.Track"/>. Guards, delegates, and never breaks the storefront.
/// </summary>
internal sealed class StoreEvents(
    NopSegmentsPlugin plugin, ICurrentVisitor visitor, ISegmentsTracker tracker, Shopper shopper,
    TimeProvider clock, ILogger<StoreEvents> logger)
{
    public void Publish(string name, IReadOnlyDictionary<string, object?>? properties = null, int? customerId = null)
    {
        // Uninstalled, Do Not Track, or no consent yet: no cookie is set and nothing is recorded.
        if (!plugin.IsInstalled || !visitor.MayTrack)
            return;
        try
        {
            var customer = customerId ?? shopper.CustomerId;
            var session = visitor.Session;
            var result = tracker.Track(new StoreEvent(name, visitor.VisitorId, clock.GetUtcNow())
            {
                CustomerId = customer?.ToString(CultureInfo.InvariantCulture),
                SessionId = session.Id,
                Properties = session.With(properties),
            });
            if (!result.Accepted)
                logger.LogWarning("NopSegments refused {Event}: {Reason}", name, result.Reason);
        }
#pragma warning disable CA1031 // The shopper's request must succeed whatever the module does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not hand {Event} to NopSegments", name);
        }
    }

    public static Dictionary<string, object?> LineProperties(Product product, int? quantity) => new()
    {
        ["sku"] = product.Sku,
        ["product_name"] = product.Name,
        ["category"] = product.Category?.Name,
        ["price"] = product.Price,
        ["quantity"] = quantity,
    };

    public static Dictionary<string, object?> ViewProperties(Product product)
    {
        var properties = LineProperties(product, null);
        properties.Remove("quantity");
        return properties;
    }
}
