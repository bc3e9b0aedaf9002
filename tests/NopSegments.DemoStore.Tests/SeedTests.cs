using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Storage;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class SeedTests
{
    [Theory]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "Candles & Lights")]
    [InlineData("PAPER CHAIN KIT 50'S CHRISTMAS ", "Christmas")]
    [InlineData("RED RETROSPOT CHRISTMAS LIGHTS", "Christmas")]
    [InlineData("JUMBO BAG RED RETROSPOT", "Bags & Purses")]
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN", "Kitchen & Dining")]
    [InlineData("PACK OF 72 RETROSPOT CAKE CASES", "Kitchen & Dining")]
    [InlineData("PARTY BUNTING", "Signs & Decor")]
    [InlineData("WOODEN FRAME ANTIQUE WHITE", "Signs & Decor")]
    [InlineData("CHARLOTTE BAG DOLLY GIRL DESIGN", "Bags & Purses")]
    [InlineData("SPACEBOY BIRTHDAY CARD", "Cards & Wrapping")]
    [InlineData("ASSORTED COLOUR BIRD ORNAMENT", "Signs & Decor")]
    [InlineData("KNITTED UNION FLAG HOT WATER BOTTLE", "Home Textiles")]
    [InlineData("PENDANT SHELL NECKLACE", "Jewellery & Accessories")]
    [InlineData("STRING OF HEARTS", "Gifts & More")]
    [InlineData("VICTORIAN GLASS HANGING T-LIGHT", "Candles & Lights")]
    [InlineData("REGENCY CAKESTAND 3 TIER", "Kitchen & Dining")]
    [InlineData("SMALL POPCORN HOLDER", "Gifts & More")]
    public void Categories_come_from_the_description_by_the_documented_rules(string description, string category) =>
        Assert.Equal(category, CategoryRules.Classify(description));

    [Fact]
    public void The_seed_plan_follows_the_retailers_invoices()
    {
        var plan = SeedPlan.Build(RetailFile.Read(Path.Combine(AppContext.BaseDirectory, "SeedData", "online-retail.csv.gz"), StoreFactory.SeedRows));

        var first = plan.Orders[0];
        Assert.Equal(("536365", 17850, "United Kingdom"), (first.Number, first.CustomerId, first.Country));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), first.PlacedAt);
        Assert.Equal(7, first.Lines.Count);
        Assert.Equal(139.12m, first.Total);
        Assert.All(plan.Refunds, r => Assert.StartsWith("C", r.Number, StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Orders, o => o.Number.StartsWith('C'));
        Assert.DoesNotContain(plan.Products, p => p.Sku == "POST" || p.Sku == "M");
        Assert.True(plan.SkippedRowsWithoutCustomer > 0);
        Assert.Equal(plan.Customers.Count, plan.Customers.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var before = (await db.Products.CountAsync(), await db.Customers.CountAsync(), await db.Orders.CountAsync(), await db.OrderLines.CountAsync());

        await scope.ServiceProvider.GetRequiredService<StoreSeeder>().SeedAsync(db, CancellationToken.None);

        Assert.Equal(before, (await db.Products.CountAsync(), await db.Customers.CountAsync(), await db.Orders.CountAsync(), await db.OrderLines.CountAsync()));
        Assert.True(before.Item3 > 500, $"{before.Item3} orders seeded from {StoreFactory.SeedRows} rows");
    }
}
