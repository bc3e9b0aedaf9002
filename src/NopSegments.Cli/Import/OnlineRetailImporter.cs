using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;
using NopSegments.Tracking;

namespace NopSegments.Cli.Import;

/// <summary>
/// UCI Online Retail: rows grouped by invoice; a "C" invoice is one order_refunded, any other one
/// order_placed plus a product_ordered per row, all at the invoice's earliest time. Rows without a
/// CustomerID are skipped and counted. Profile key = the CustomerID as an integer.
/// </summary>
internal static class OnlineRetailImporter
{
    public const string Name = "online-retail";

    public static ImportPlan Read(string path)
    {
        var plan = new ImportPlan();
        var invoices = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var fileOrder = new List<string>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).From(Decompressed(path)))
        {
            foreach (var row in reader)
            {
                plan.RowsRead++;
                var customer = row["CustomerID"].Span.Trim();
                if (customer.IsEmpty)
                {
                    plan.Skip("no CustomerID");
                    continue;
                }
                if (!TryParse(row, customer, out var parsed))
                {
                    plan.Skip("unreadable row", $"line {row.RowIndex + 1}: {row.Span.ToString()}");
                    continue;
                }
                if (!invoices.TryGetValue(parsed.Invoice, out var lines))
                {
                    invoices[parsed.Invoice] = lines = [];
                    fileOrder.Add(parsed.Invoice);
                }
                lines.Add(parsed);
            }
        }
        foreach (var invoice in fileOrder)
            AddInvoice(plan, invoice, invoices[invoice]);
        return plan;
    }

    internal static Stream Decompressed(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static void AddInvoice(ImportPlan plan, string invoice, List<Row> lines)
    {
        var first = lines[0];
        var at = new DateTimeOffset(lines.Min(l => l.Date), TimeSpan.Zero);
        var key = first.Customer;
        if (invoice.StartsWith('C'))
        {
            plan.Events.Add(Event(EventNames.OrderRefunded, key, at, $"{Name}:{invoice}", new()
            {
                ["order_id"] = invoice, ["value"] = lines.Sum(l => Math.Abs(l.Quantity) * l.Price), ["country"] = first.Country,
            }));
            return;
        }
        plan.Events.Add(Event(EventNames.OrderPlaced, key, at, $"{Name}:{invoice}", new()
        {
            ["order_id"] = invoice, ["value"] = lines.Sum(l => l.Quantity * l.Price), ["currency"] = "GBP", ["country"] = first.Country,
        }));
        for (var i = 0; i < lines.Count; i++)
        {
            plan.Events.Add(Event(EventNames.ProductOrdered, key, at, $"{Name}:{invoice}:{i}", new()
            {
                ["order_id"] = invoice, ["sku"] = lines[i].Sku, ["product_name"] = lines[i].Description,
                ["price"] = lines[i].Price, ["quantity"] = lines[i].Quantity,
            }));
        }
    }

    private static StoreEvent Event(string name, string key, DateTimeOffset at, string id, Dictionary<string, object?> properties) =>
        new(name, key, at) { EventId = EventIds.From(id), CustomerId = key, Properties = properties };

    private static bool TryParse(SepReader.Row row, ReadOnlySpan<char> customer, out Row parsed)
    {
        parsed = default;
        if (!double.TryParse(customer, NumberStyles.Float, CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(row["Quantity"].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity)
            || !decimal.TryParse(row["UnitPrice"].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
            || !DateTime.TryParseExact(row["InvoiceDate"].Span, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return false;
        parsed = new Row(row["InvoiceNo"].ToString(), ((long)id).ToString(CultureInfo.InvariantCulture), row["StockCode"].ToString(),
            row["Description"].ToString(), quantity, price, date, row["Country"].ToString());
        return true;
    }

    private readonly record struct Row(
        string Invoice, string Customer, string Sku, string Description, int Quantity, decimal Price, DateTime Date, string Country);
}
