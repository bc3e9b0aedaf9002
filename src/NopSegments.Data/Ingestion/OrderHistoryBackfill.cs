using NopSegments.Hosting;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Turns the host's order history into order_placed / product_ordered / order_refunded events and
/// writes them in large batches. Ids come from the order ids, so running it again stores nothing twice.
/// </summary>
internal sealed class OrderHistoryBackfill(IngestionWriter writer)
{
    private const int BatchSize = 20_000;

    public async Task<long> RunAsync(IOrderHistory history, CancellationToken ct)
    {
        var batch = new List<StoreEvent>(BatchSize);
        long stored = 0;
        await foreach (var order in history.ReadAsync(ct))
        {
            batch.AddRange(Events(order));
            if (batch.Count >= BatchSize)
            {
                stored += (await writer.WriteAsync(batch, ct)).Stored;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            stored += (await writer.WriteAsync(batch, ct)).Stored;
        return stored;
    }

    public static IEnumerable<StoreEvent> Events(HistoricalOrder order)
    {
        if (order.IsRefund)
        {
            yield return Event(EventNames.OrderRefunded, order, $"backfill:{order.OrderId}", new()
            {
                ["order_id"] = order.OrderId, ["value"] = order.Value, ["country"] = order.Country,
            });
            yield break;
        }
        yield return Event(EventNames.OrderPlaced, order, $"backfill:{order.OrderId}", new()
        {
            ["order_id"] = order.OrderId, ["value"] = order.Value, ["currency"] = order.Currency,
            ["discount_code"] = order.DiscountCode, ["country"] = order.Country,
        });
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            yield return Event(EventNames.ProductOrdered, order, $"backfill:{order.OrderId}:{i}", new()
            {
                ["order_id"] = order.OrderId, ["sku"] = line.Sku, ["product_name"] = line.ProductName,
                ["category"] = line.Category, ["price"] = line.Price, ["quantity"] = line.Quantity,
            });
        }
    }

    // A customer's history has no browser: the customer id stands in for the visitor id.
    private static StoreEvent Event(string name, HistoricalOrder order, string id, Dictionary<string, object?> properties) =>
        new(name, order.CustomerId, order.At) { EventId = EventIds.From(id), CustomerId = order.CustomerId, Properties = properties };
}
