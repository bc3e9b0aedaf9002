using System.Globalization;
using nietras.SeparatedValues;
using NopSegments.Tracking;

namespace NopSegments.Cli.Import;

/// <summary>
/// REES46 clickstream: view → product_viewed, cart → added_to_cart (quantity 1), purchase → order_placed
/// (order_id "&lt;session&gt;:&lt;line&gt;", value = price) plus product_ordered. Profile key = user_id,
/// session = user_session. A line that does not parse (the last may be cut) is reported and skipped.
/// </summary>
internal static class Rees46Importer
{
    public const string Name = "rees46";

    public static ImportPlan Read(string path)
    {
        var plan = new ImportPlan();
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(OnlineRetailImporter.Decompressed(path));
        foreach (var row in reader)
        {
            plan.RowsRead++;
            var line = row.RowIndex + 1; // RowIndex counts the header as row 0, so this is the file's line number
            if (row.ColCount != 9 || !TryParse(row, out var r))
            {
                plan.Skip("unreadable line", $"line {line}: {row.Span.ToString()}");
                continue;
            }
            var product = new Dictionary<string, object?>
            {
                ["sku"] = r.ProductId, ["category"] = r.Category, ["brand"] = r.Brand, ["price"] = r.Price,
            };
            switch (r.Type)
            {
                case "view":
                    plan.Events.Add(Event(EventNames.ProductViewed, r, line, "", product));
                    break;
                case "cart":
                    plan.Events.Add(Event(EventNames.AddedToCart, r, line, "", new(product) { ["quantity"] = 1 }));
                    break;
                case "purchase":
                    var orderId = $"{r.Session}:{line.ToString(CultureInfo.InvariantCulture)}";
                    plan.Events.Add(Event(EventNames.OrderPlaced, r, line, ":order", new() { ["order_id"] = orderId, ["value"] = r.Price }));
                    plan.Events.Add(Event(EventNames.ProductOrdered, r, line, ":line", new(product) { ["order_id"] = orderId, ["quantity"] = 1 }));
                    break;
                default:
                    plan.Skip($"event type '{r.Type}'", $"line {line}: unknown event type '{r.Type}'");
                    break;
            }
        }
        return plan;
    }

    private static StoreEvent Event(string name, Row r, long line, string suffix, Dictionary<string, object?> properties) =>
        new(name, r.UserId, r.Time)
        {
            EventId = EventIds.From($"{Name}:{line.ToString(CultureInfo.InvariantCulture)}{suffix}"),
            CustomerId = r.UserId,
            SessionId = r.Session,
            Properties = properties,
        };

    private static bool TryParse(SepReader.Row row, out Row parsed)
    {
        parsed = default;
        var time = row["event_time"].Span;
        if (!time.EndsWith(" UTC")
            || !DateTime.TryParseExact(time[..^4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || !decimal.TryParse(row["price"].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
            || row["user_id"].Span.IsEmpty || row["user_session"].Span.IsEmpty || row["product_id"].Span.IsEmpty)
            return false;
        var category = row["category_code"].ToString();
        var brand = row["brand"].ToString();
        parsed = new Row(new DateTimeOffset(at, TimeSpan.Zero), row["event_type"].ToString(), row["product_id"].ToString(),
            category.Length == 0 ? null : category, brand.Length == 0 ? null : brand, price, row["user_id"].ToString(), row["user_session"].ToString());
        return true;
    }

    private readonly record struct Row(
        DateTimeOffset Time, string Type, string ProductId, string? Category, string? Brand, decimal Price, string UserId, string Session);
}
