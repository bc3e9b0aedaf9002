using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.Data.Profiles;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Storage;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class BackfillTests
{
    [Fact]
    public async Task Installing_builds_every_buyers_profile_from_the_stores_order_history()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var page = await admin.SubmitAsync("/admin/plugins", "/admin/plugins?handler=install");

        Assert.Matches(@"Profiles were built from [\d,]+ events of the store's order history\.", page.Text);
        await using var scope = store.Services.CreateAsyncScope();
        var shop = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var orders = await shop.Orders.Where(o => o.CustomerId == 17850).Select(o => o.Total).ToListAsync();
        var refunds = await shop.Refunds.Where(r => r.CustomerId == 17850).Select(r => r.Amount).ToListAsync();
        var buyers = await shop.Orders.Select(o => o.CustomerId).Distinct().CountAsync();
        var queries = new ProfileQueries(scope.ServiceProvider.GetRequiredService<SegmentsDbContextFactory>());
        var sam = await queries.AsOfAsync((await queries.FindAsync("17850"))!.Value, DateTimeOffset.UtcNow);

        Assert.NotNull(sam);
        Assert.Equal(orders.Count, sam.Value.Attributes.OrdersCount);
        Assert.Equal(orders.Sum() - refunds.Sum(), sam.Value.Attributes.TotalSpent);
        Assert.Equal("United Kingdom", sam.Value.Attributes.Country);
        Assert.True(sam.Value.Attributes.Interests.Count > 0, "order lines carry the catalog's categories");
        Assert.NotNull(sam.Value.Rfm);
        await using var module = scope.ServiceProvider.GetRequiredService<SegmentsDbContextFactory>().Create();
        Assert.True(await module.Profiles.CountAsync(p => p.OrdersCount > 0) >= buyers);
    }
}
