using System.IO.Compression;
using System.Text;
using NopSegments.Cli.Import;
using NopSegments.Tracking;

namespace NopSegments.Cli.Tests;

public sealed class ImporterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nopsegments-import-").FullName;

    [Fact]
    public void Online_retail_invoices_become_orders_lines_and_refunds_at_the_invoices_earliest_time()
    {
        var plan = OnlineRetailImporter.Read(Write("retail.csv.gz", """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:27:00,2.55,17850.0,United Kingdom
            536365,71053,"METAL LANTERN, WHITE",6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom
            C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,France
            """));

        Assert.Equal((4, 1L), (plan.RowsRead, plan.Skipped["no CustomerID"]));
        var events = plan.InTimeOrder();
        Assert.Equal(["order_placed", "product_ordered", "product_ordered", "order_refunded"], events.Select(e => e.Name));
        var order = events[0];
        Assert.Equal(("17850", "17850", new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero)), (order.VisitorId, order.CustomerId, order.OccurredAt));
        Assert.Equal(6 * 2.55m + 6 * 3.39m, order.Number("value"));
        Assert.Equal(("536365", "GBP", "United Kingdom"), (order.Text("order_id"), order.Text("currency"), order.Text("country")));
        Assert.Equal(("71053", "METAL LANTERN, WHITE", 6m), (events[2].Text("sku"), events[2].Text("product_name"), events[2].Number("quantity")));
        Assert.All(events.Take(3), e => Assert.Equal(order.OccurredAt, e.OccurredAt));
        Assert.Equal((27.50m, "14527"), (events[3].Number("value"), events[3].CustomerId));
        Assert.Equal(events.Select(e => e.EventId), OnlineRetailImporter.Read(Path.Combine(folder, "retail.csv.gz")).InTimeOrder().Select(e => e.EventId));
    }

    [Fact]
    public void Rees46_maps_views_carts_and_purchases_and_reports_a_cut_last_line()
    {
        var plan = Rees46Importer.Read(Write("rees.csv", """
            event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
            2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde
            2019-10-01 00:00:05 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,541312140,72d76fde
            2019-10-01 00:01:00 UTC,purchase,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,541312140,72d76fde
            2019-10-01 00:02:00 UTC,view,1003769,2053013555631882655,electronics.smartph
            """));

        var events = plan.InTimeOrder();
        Assert.Equal(["product_viewed", "added_to_cart", "order_placed", "product_ordered"], events.Select(e => e.Name));
        Assert.Null(events[0].Text("category"));
        Assert.Equal(("appliances.environment.water_heater", "aqua", 1m), (events[1].Text("category"), events[1].Text("brand"), events[1].Number("quantity")));
        Assert.Equal(("72d76fde:4", 33.20m), (events[2].Text("order_id"), events[2].Number("value")));
        Assert.All(events, e => Assert.Equal(("541312140", "72d76fde"), (e.CustomerId, e.SessionId)));
        Assert.Equal(1, plan.Skipped["unreadable line"]);
        Assert.StartsWith("line 5:", Assert.Single(plan.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_journey_baskets_become_orders_and_coupons_become_discounts_in_utc()
    {
        var plan = CompleteJourneyImporter.Read(Write("cj.csv.gz", """
            "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
            "2261","309","B2","940996",1,3.86,0.43,0,0,5,"2017-01-28 14:06:53"
            "2261","309","B1","873902",1,1.59,0.9,0,0,10,"2017-01-28 09:00:00"
            "2261","309","B1","873903",2,4.00,0,0.5,0,10,"2017-01-28 08:59:00"
            "1001","309","B3","873904",1,2.00,0,0,0,10,"2017-03-12 02:30:00"
            """));

        var events = plan.InTimeOrder();
        Assert.Equal(["order_placed", "discount_applied", "order_placed", "order_placed"], events.Select(e => e.Name));
        Assert.Equal(("B1", 5.59m, "coupon"), (events[0].Text("order_id"), events[0].Number("value"), events[0].Text("discount_code")));
        Assert.Equal(new DateTimeOffset(2017, 1, 28, 13, 59, 0, TimeSpan.Zero), events[0].OccurredAt); // 08:59 EST
        Assert.Equal(events[0].OccurredAt, events[1].OccurredAt);
        Assert.Null(events[2].Text("discount_code"));
        // 02:30 on the spring-forward night does not exist in New York; it is read as 03:30 EDT.
        Assert.Equal(new DateTimeOffset(2017, 3, 12, 7, 30, 0, TimeSpan.Zero), events[3].OccurredAt);
    }

    [Fact]
    public void Complete_journey_demographics_become_named_traits_and_empty_values_are_left_out()
    {
        var traits = DemographicsReader.Read(Write("demographics.csv", """
            "household_id","age","income","home_ownership","marital_status","household_size","household_comp","kids_count"
            "1","65+","35-49K","Homeowner","Married","2","2 Adults No Kids","0"
            "1001","45-54","50-74K","","Unmarried","1","1 Adult No Kids","0"
            """));

        Assert.Equal("65+", traits["1"]["age_range"]);
        Assert.Equal(7, traits["1"].Count);
        Assert.False(traits["1001"].ContainsKey("home_ownership"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        var bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n") + (text.EndsWith("smartph", StringComparison.Ordinal) ? "" : "\n"));
        using var file = File.Create(path);
        using Stream target = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        target.Write(bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
