using System.Globalization;
using nietras.SeparatedValues;
using NopSegments.Tracking;

namespace NopSegments.Cli.Import;

/// <summary>
/// 84.51° Complete Journey transactions: a basket is one order_placed (time = its earliest line, value =
/// Σ sales_value); a basket with a coupon (coupon_disc or coupon_match_disc &gt; 0) has discount_code
/// "coupon" and one discount_applied at the same time. Times are America/New_York. Key = household_id.
/// </summary>
internal static class CompleteJourneyImporter
{
    public const string Name = "complete-journey";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static ImportPlan Read(string path)
    {
        var plan = new ImportPlan();
        var baskets = new Dictionary<string, Basket>(StringComparer.Ordinal);
        var fileOrder = new List<string>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).From(OnlineRetailImporter.Decompressed(path)))
        {
            foreach (var row in reader)
            {
                plan.RowsRead++;
                if (!TryParse(row, out var household, out var basketId, out var at, out var sales, out var coupon))
                {
                    plan.Skip("unreadable row", $"line {row.RowIndex + 1}: {row.Span.ToString()}");
                    continue;
                }
                if (!baskets.TryGetValue(basketId, out var basket))
                {
                    baskets[basketId] = basket = new Basket(household, at);
                    fileOrder.Add(basketId);
                }
                basket.Add(at, sales, coupon);
            }
        }
        foreach (var id in fileOrder)
            AddBasket(plan, id, baskets[id]);
        return plan;
    }

    private static void AddBasket(ImportPlan plan, string id, Basket basket)
    {
        var properties = new Dictionary<string, object?> { ["order_id"] = id, ["value"] = basket.Value, ["currency"] = "USD" };
        if (basket.Coupon)
            properties["discount_code"] = "coupon";
        plan.Events.Add(new StoreEvent(EventNames.OrderPlaced, basket.Household, basket.At)
        {
            EventId = EventIds.From($"{Name}:{id}"), CustomerId = basket.Household, Properties = properties,
        });
        if (basket.Coupon)
        {
            plan.Events.Add(new StoreEvent(EventNames.DiscountApplied, basket.Household, basket.At)
            {
                EventId = EventIds.From($"{Name}:{id}:discount"), CustomerId = basket.Household,
                Properties = new Dictionary<string, object?> { ["discount_code"] = "coupon" },
            });
        }
    }

    private static bool TryParse(SepReader.Row row, out string household, out string basket, out DateTimeOffset at, out decimal sales, out bool coupon)
    {
        (household, basket, at, sales, coupon) = (row["household_id"].ToString(), row["basket_id"].ToString(), default, 0, false);
        if (household.Length == 0 || basket.Length == 0
            || !DateTime.TryParseExact(row["transaction_timestamp"].Span, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !decimal.TryParse(row["sales_value"].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out sales)
            || !decimal.TryParse(row["coupon_disc"].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var couponDisc)
            || !decimal.TryParse(row["coupon_match_disc"].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var matchDisc))
            return false;
        // A wall-clock time inside the spring-forward gap does not exist; clocks read it an hour later.
        if (NewYork.IsInvalidTime(local))
            local = local.AddHours(1);
        at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, NewYork), TimeSpan.Zero);
        coupon = couponDisc > 0 || matchDisc > 0;
        return true;
    }

    private sealed class Basket(string household, DateTimeOffset at)
    {
        public string Household { get; } = household;
        public DateTimeOffset At { get; private set; } = at;
        public decimal Value { get; private set; }
        public bool Coupon { get; private set; }

        public void Add(DateTimeOffset lineAt, decimal sales, bool coupon)
        {
            At = lineAt < At ? lineAt : At;
            Value += sales;
            Coupon |= coupon;
        }
    }
}
