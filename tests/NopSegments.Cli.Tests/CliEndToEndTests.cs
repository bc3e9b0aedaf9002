using System.Text.Json;
using NopSegments.Data;
using NopSegments.Testing;

namespace NopSegments.Cli.Tests;

public sealed class CliEndToEndTests
{
    private static readonly string OnlineRetail = Path.Combine(AppContext.BaseDirectory, "SeedData", "online-retail.csv.gz");

    [Fact]
    public async Task The_whole_online_retail_year_imports_once_and_profiles_read_as_of_any_day()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var file = db.ConnectionString["Data Source=".Length..];

        var import = await CliProcess.RunAsync("import", "online-retail", OnlineRetail, "--db", file);
        var again = await CliProcess.RunAsync("import", "online-retail", OnlineRetail, "--db", file);
        var june = await CliProcess.RunAsync("profile", "12347", "--as-of", "2011-06-15", "--db", file);
        var refunded = await CliProcess.RunAsync("profile", "14527", "--as-of", "2010-12-01T23:59:59Z", "--db", file);

        Assert.Equal(0, import.Exit);
        Assert.Matches(@"rows read\s+541,909", import.Out);
        Assert.Matches(@"rows skipped\s+135,080\s+\(no CustomerID\)", import.Out);
        Assert.Matches(@"events written\s+420,114", import.Out);
        Assert.Matches(@"profiles\s+4,372", import.Out);
        Assert.Matches(@"events written\s+0\b", again.Out);
        Assert.Matches(@"already stored\s+420,114", again.Out);

        var p = JsonDocument.Parse(june.Out).RootElement;
        // 12347 (Iceland) placed invoices 537626, 542237, 549222 and 556201 before 15 June 2011.
        Assert.Equal((4, 2205.95m, "Iceland"), (p.GetProperty("orders_count").GetInt32(), p.GetProperty("total_spent").GetDecimal(), p.GetProperty("country").GetString()));
        Assert.Equal("2011-06-09T13:01:00Z", p.GetProperty("last_order_at").GetString());
        Assert.InRange(p.GetProperty("rfm_recency").GetInt32(), 1, 5);
        // 14527's first invoice is a cancellation (C536379, £27.50): a refund before any order.
        var r = JsonDocument.Parse(refunded.Out).RootElement;
        Assert.Equal((0, 1, -27.5m), (r.GetProperty("orders_count").GetInt32(), r.GetProperty("refunds_count").GetInt32(), r.GetProperty("total_spent").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, r.GetProperty("average_order_value").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("rfm_recency").ValueKind);
    }

    [Fact]
    public async Task Segment_queries_count_list_and_explain_the_retailers_customers()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var file = db.ConnectionString["Data Source=".Length..];
        await CliProcess.RunAsync("import", "online-retail", OnlineRetail, "--db", file);

        var whales = await CliProcess.RunAsync("members", "total_spent > 100000", "--as-of", "2011-12-10", "--db", file);
        var count = await CliProcess.RunAsync("count", "total_spent > 100000 OR country = 'Iceland'", "--as-of", "2011-12-10", "--db", file);
        var first = await CliProcess.RunAsync("members", "orders_count >= 1", "--as-of", "2011-12-10", "--limit", "3", "--db", file);
        var explain = await CliProcess.RunAsync("explain", "14646", "orders_count >= 10 AND NOT country = \"Netherlands\"", "--as-of", "2011-12-01", "--db", file);
        var typo = await CliProcess.RunAsync("count", "order_count >= 3", "--db", file);
        // Before the newest event: event conditions and the attributes recomputed from events are still one statement;
        // the cart is not recomputed, so a query reading it goes profile by profile (the retailer's data has no carts).
        var juneOrders = await CliProcess.RunAsync("count", "order_placed(within 30d) >= 2", "--as-of", "2011-06-01", "--db", file);
        var juneBuyers = await CliProcess.RunAsync("count", "orders_count >= 2", "--as-of", "2011-06-01", "--db", file);
        var juneCarts = await CliProcess.RunAsync("count", "orders_count >= 2 OR cart_items_count > 0", "--as-of", "2011-06-01", "--db", file);

        // The year's six biggest spenders, net of cancellations.
        Assert.Equal(["12415", "14156", "14646", "14911", "17450", "18102"], whales.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        // …and 12347, the one customer in Iceland.
        Assert.Equal("7", count.Out.TrimEnd().Split('\n')[^1]);
        Assert.Equal(3, first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("14646 at 2011-12-01T00:00:00Z: not a member", explain.Out, StringComparison.Ordinal);
        Assert.Contains("✓ country = \"Netherlands\"  — country is \"Netherlands\"", explain.Out, StringComparison.Ordinal);
        Assert.Equal((2, ""), (typo.Exit, typo.Out));
        Assert.Equal("unknown attribute 'order_count' at 1:1; did you mean 'orders_count'?", typo.Error.Trim());
        Assert.Contains("evaluated  set-based, one SQL statement", juneOrders.Out, StringComparison.Ordinal);
        Assert.Contains("evaluated  set-based, one SQL statement", juneBuyers.Out, StringComparison.Ordinal);
        Assert.Contains("evaluated  profile by profile: events after the as-of instant are stored, and cart_items_count", juneCarts.Out, StringComparison.Ordinal);
        Assert.Equal(juneCarts.Out.TrimEnd().Split('\n')[^1], juneBuyers.Out.TrimEnd().Split('\n')[^1]);
        Assert.NotEqual("0", juneBuyers.Out.TrimEnd().Split('\n')[^1]);
    }

    [SkippableFact]
    public async Task Rees46_clicks_import_into_postgres_with_sessions_and_carts()
    {
        var path = CliProcess.SharedData("rees46-2019oct/2019-Oct-first-3h.csv.gz");
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);

        var import = await CliProcess.RunAsync("import", "rees46", path, "--provider", "postgres", "--connection", db.ConnectionString);
        var buyer = await CliProcess.RunAsync("profile", "541312140", "--provider", "postgres", "--connection", db.ConnectionString);

        Assert.Equal(0, import.Exit);
        Assert.Matches(@"rows read\s+17,434", import.Out);
        Assert.Equal(0, buyer.Exit);
        var p = JsonDocument.Parse(buyer.Out).RootElement;
        Assert.True(p.GetProperty("sessions_count").GetInt32() >= 1);
        Assert.True(p.GetProperty("page_views_count").GetInt32() >= 1);
    }

    [SkippableFact]
    public async Task Complete_journey_coupons_show_up_as_discount_orders()
    {
        var path = CliProcess.SharedData("complete-journey/transactions_sample.csv.gz");
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var file = db.ConnectionString["Data Source=".Length..];

        var import = await CliProcess.RunAsync("import", "complete-journey", path, "--db", file);
        var household = await CliProcess.RunAsync("profile", "1", "--db", file);

        Assert.Equal(0, import.Exit);
        Assert.Matches(@"rows read\s+75,000", import.Out);
        Assert.Matches(@"with demographics\s+801", import.Out);
        Assert.DoesNotContain("skipped", import.Out, StringComparison.Ordinal);
        var p = JsonDocument.Parse(household.Out).RootElement;
        Assert.Equal(("65+", "35-49K", "2"), (p.GetProperty("age_range").GetString(), p.GetProperty("income").GetString(), p.GetProperty("household_size").GetString()));
        Assert.True(p.GetProperty("discount_orders_count").GetInt32() > 0, "household 1 used coupons in the sample");
    }

    [Fact]
    public async Task Bad_commands_say_what_is_wrong()
    {
        var dataset = await CliProcess.RunAsync("import", "amazon", OnlineRetail);
        var missing = await CliProcess.RunAsync("import", "online-retail", "/no/such/file.csv", "--db", Path.GetTempFileName());
        var postgres = await CliProcess.RunAsync("profile", "1", "--provider", "postgres");

        Assert.NotEqual(0, dataset.Exit);
        Assert.Contains("amazon", dataset.Error, StringComparison.Ordinal);
        Assert.Equal((1, "No such file: /no/such/file.csv"), (missing.Exit, missing.Error.Trim()));
        Assert.Contains("--provider postgres needs --connection", postgres.Error, StringComparison.Ordinal);
    }
}
