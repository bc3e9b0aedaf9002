using System.Globalization;
using System.Runtime.CompilerServices;
using Nop.Services.Catalog;
using Nop.Services.Common;
using Nop.Services.Directory;
using Nop.Services.Orders;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>nopCommerce's orders, oldest first, with their lines and refunds, for the profiles the module builds at install.</summary>
internal sealed class NopOrderHistory(
    IOrderService orders, IProductService products, ICategoryService categories, IAddressService addresses, ICountryService countries) : IOrderHistory
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<HistoricalOrder> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = new List<Core.Domain.Orders.Order>();
        for (var page = 0; ; page++)
        {
            var batch = await orders.SearchOrdersAsync(pageIndex: page, pageSize: PageSize);
            all.AddRange(batch);
            if (!batch.HasNextPage)
                break;
        }
        foreach (var order in all.Where(o => !o.Deleted).OrderBy(o => o.CreatedOnUtc))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = order.CustomOrderNumber ?? order.Id.ToString(CultureInfo.InvariantCulture);
            var customer = order.CustomerId.ToString(CultureInfo.InvariantCulture);
            var country = await addresses.GetAddressByIdAsync(order.BillingAddressId) is { CountryId: { } countryId }
                ? (await countries.GetCountryByIdAsync(countryId))?.Name : null;
            var lines = new List<HistoricalOrderLine>();
            foreach (var item in await orders.GetOrderItemsAsync(order.Id))
            {
                if (await products.GetProductByIdAsync(item.ProductId) is { } product)
                {
                    lines.Add(new HistoricalOrderLine(string.IsNullOrEmpty(product.Sku) ? product.Id.ToString(CultureInfo.InvariantCulture) : product.Sku,
                        product.Name, await Events.CatalogFacts.CategoryOfAsync(categories, product.Id), item.UnitPriceInclTax, item.Quantity));
                }
            }
            var placed = new DateTimeOffset(DateTime.SpecifyKind(order.CreatedOnUtc, DateTimeKind.Utc));
            yield return new HistoricalOrder(id, customer, placed, order.OrderTotal, order.CustomerCurrencyCode, null, country, lines);
            if (order.RefundedAmount > 0)
                yield return new HistoricalOrder(id, customer, placed, order.RefundedAmount, order.CustomerCurrencyCode, null, country, [], IsRefund: true);
        }
    }
}
