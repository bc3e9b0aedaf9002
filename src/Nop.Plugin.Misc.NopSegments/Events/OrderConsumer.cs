using System.Globalization;
using Nop.Core.Domain.Orders;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Discounts;
using Nop.Services.Events;
using Nop.Services.Orders;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>
/// Orders placed (with a line per product and the coupon used), refunded, and cancelled (the order's unrefunded value
/// comes back as a refund: the shopper did not pay it). A guest's order identifies the guest by its billing email.
/// </summary>
internal sealed class OrderConsumer(
    StoreEventPublisher events, ICustomerService customers, IOrderService orders, IProductService products, ICategoryService categories,
    IAddressService addresses, ICountryService countries, IDiscountService discounts, Customers.NopGuestContacts guests)
    : IConsumer<OrderPlacedEvent>, IConsumer<OrderRefundedEvent>, IConsumer<OrderStatusChangedEvent>
{
    public async Task HandleEventAsync(OrderPlacedEvent eventMessage)
    {
        var order = eventMessage.Order;
        var customer = await customers.GetCustomerByIdAsync(order.CustomerId);
        var id = order.CustomOrderNumber ?? order.Id.ToString(CultureInfo.InvariantCulture);
        var address = await addresses.GetAddressByIdAsync(order.BillingAddressId);
        var country = address?.CountryId is { } countryId ? (await countries.GetCountryByIdAsync(countryId))?.Name : null;
        if (customer is not null && !string.IsNullOrEmpty(address?.Email) && await customers.IsGuestAsync(customer)
            && string.IsNullOrEmpty(await guests.EmailOfAsync(customer)))
            await guests.RememberAsync(customer, address.Email);
        var coupon = await CouponOfAsync(order.Id);
        await events.PublishAsync(EventNames.OrderPlaced, customer, new Dictionary<string, object>
        {
            ["order_id"] = id, ["value"] = order.OrderTotal, ["currency"] = order.CustomerCurrencyCode, ["country"] = country, ["discount_code"] = coupon,
        });
        if (coupon is not null)
            await events.PublishAsync(EventNames.DiscountApplied, customer, new Dictionary<string, object> { ["discount_code"] = coupon });
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

    public async Task HandleEventAsync(OrderStatusChangedEvent eventMessage)
    {
        var order = eventMessage.Order;
        if (order.OrderStatus != OrderStatus.Cancelled || eventMessage.PreviousOrderStatus == OrderStatus.Cancelled || order.OrderTotal <= order.RefundedAmount)
            return;
        await events.PublishAsync(EventNames.OrderRefunded, await customers.GetCustomerByIdAsync(order.CustomerId), new Dictionary<string, object>
        {
            ["order_id"] = order.CustomOrderNumber ?? order.Id.ToString(CultureInfo.InvariantCulture), ["value"] = order.OrderTotal - order.RefundedAmount,
        });
    }

    /// <summary>The coupon code of a discount the order used, if it used one by code.</summary>
    private async Task<string> CouponOfAsync(int orderId)
    {
        foreach (var usage in await discounts.GetAllDiscountUsageHistoryAsync(orderId: orderId))
        {
            if (await discounts.GetDiscountByIdAsync(usage.DiscountId) is { RequiresCouponCode: true, CouponCode: { Length: > 0 } code })
                return code;
        }
        return null;
    }

    public async Task HandleEventAsync(OrderRefundedEvent eventMessage) =>
        await events.PublishAsync(EventNames.OrderRefunded, await customers.GetCustomerByIdAsync(eventMessage.Order.CustomerId), new Dictionary<string, object>
        {
            ["order_id"] = eventMessage.Order.CustomOrderNumber ?? eventMessage.Order.Id.ToString(CultureInfo.InvariantCulture), ["value"] = eventMessage.Amount,
        });
}
