using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace NopSegments.DemoStore.Seeding;

/// <summary>Reads the UCI Online Retail CSV (gzip): InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.</summary>
internal static class RetailFile
{
    public static List<RetailRow> Read(string path, int? maxRows)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = Sep.Reader(o => o with { Unescape = true }).From(gzip);
        var rows = new List<RetailRow>(maxRows ?? 550_000);
        foreach (var row in reader)
        {
            if (rows.Count >= maxRows)
                break;
            var customer = row["CustomerID"].Span;
            rows.Add(new RetailRow(
                row["InvoiceNo"].ToString(),
                row["StockCode"].ToString().Trim().ToUpperInvariant(),
                row["Description"].ToString().Trim(),
                row["Quantity"].Parse<int>(),
                DateTime.SpecifyKind(DateTime.ParseExact(row["InvoiceDate"].Span, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                row["UnitPrice"].Parse<decimal>(),
                customer.IsEmpty ? null : (int)double.Parse(customer, CultureInfo.InvariantCulture),
                row["Country"].ToString()));
        }
        return rows;
    }
}
