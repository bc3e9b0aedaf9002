using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>The store's orders and refunds, oldest first, with each line's category from the catalog.</summary>
internal sealed class StoreOrderHistory(StoreDbContext db) : IOrderHistory
{
    private const int PageSize = 2_000;

    public async IAsyncEnumerable<HistoricalOrder> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var categories = await db.Products.AsNoTracking()
            .Select(p => new { p.Sku, Category = p.Category!.Name }).ToDictionaryAsync(p => p.Sku, p => p.Category, cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().OrderBy(r => r.RefundedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var customers = await db.Customers.AsNoTracking().Where(c => c.Country != null)
            .ToDictionaryAsync(c => c.Id, c => c.Country, cancellationToken);
        var nextRefund = 0;
        for (var page = 0; ; page++)
        {
            var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
                .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Skip(page * PageSize).Take(PageSize)
                .AsSplitQuery().ToListAsync(cancellationToken);
            foreach (var order in orders)
            {
                // Refunds interleave with orders by time, so every profile's history stays in order.
                while (nextRefund < refunds.Count && refunds[nextRefund].RefundedAt < order.PlacedAt)
                    yield return Refund(refunds[nextRefund++], customers);
                yield return new HistoricalOrder(order.Number, Id(order.CustomerId), Utc(order.PlacedAt), order.Total, order.Currency,
                    order.DiscountCode, order.Country,
                    [.. order.Lines.OrderBy(l => l.Id).Select(l => new HistoricalOrderLine(
                        l.Sku, l.ProductName, categories.GetValueOrDefault(l.Sku), l.UnitPrice, l.Quantity))]);
            }
            if (orders.Count < PageSize)
                break;
        }
        while (nextRefund < refunds.Count)
            yield return Refund(refunds[nextRefund++], customers);
    }

    private static HistoricalOrder Refund(Orders.Refund r, Dictionary<int, string?> countries) =>
        new(r.Number, Id(r.CustomerId), Utc(r.RefundedAt), r.Amount, "GBP", null, countries.GetValueOrDefault(r.CustomerId), [], IsRefund: true);

    private static string Id(int customerId) => customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
