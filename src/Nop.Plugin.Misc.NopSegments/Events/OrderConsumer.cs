using System.Globalization;
using Nop.Core.Domain.Orders;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Events;
using Nop.Services.Orders;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>Orders placed (with a line per product) and refunded.</summary>
internal sealed class OrderConsumer(
    StoreEventPublisher events, ICustomerService customers, IOrderService orders, IProductService products, ICategoryService categories,
    IAddressService addresses, ICountryService countries) : IConsumer<OrderPlacedEvent>, IConsumer<OrderRefundedEvent>
{
    public async Task HandleEventAsync(OrderPlacedEvent eventMessage)
    {
        var order = eventMessage.Order;
        var customer = await customers.GetCustomerByIdAsync(order.CustomerId);
        var id = order.CustomOrderNumber ?? order.Id.ToString(CultureInfo.InvariantCulture);
        var address = await addresses.GetAddressByIdAsync(order.BillingAddressId);
        var country = address?.CountryId is { } countryId ? (await countries.GetCountryByIdAsync(countryId))?.Name : null;
        await events.PublishAsync(EventNames.OrderPlaced, customer, new Dictionary<string, object>
        {
            ["order_id"] = id, ["value"] = order.OrderTotal, ["currency"] = order.CustomerCurrencyCode, ["country"] = country,
        });
        foreach (var item in await orders.GetOrderItemsAsync(order.Id))
        {
            if (await products.GetProductByIdAsync(item.ProductId) is not { } product)
                continue;
            var line = CatalogFacts.Line(product, await CatalogFacts.CategoryOfAsync(categories, product.Id), item.Quantity);
            line["order_id"] = id;
            line["price"] = item.UnitPriceInclTax;
            await events.PublishAsync(EventNames.ProductOrdered, customer, line);
        }
    }

    public async Task HandleEventAsync(OrderRefundedEvent eventMessage) =>
        await events.PublishAsync(EventNames.OrderRefunded, await customers.GetCustomerByIdAsync(eventMessage.Order.CustomerId), new Dictionary<string, object>
        {
            ["order_id"] = eventMessage.Order.CustomOrderNumber ?? eventMessage.Order.Id.ToString(CultureInfo.InvariantCulture), ["value"] = eventMessage.Amount,
        });
}
