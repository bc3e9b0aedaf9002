using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Storage;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>A shopper's and a shop owner's privacy duties, done from the store and from the module's admin.</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task Deleting_my_account_erases_what_the_module_holds_and_keeps_the_orders_nameless()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        await shopper.GetAsync("/search?q=lantern");
        Assert.NotEmpty(await store.EventsAsync("17850"));

        var unconfirmed = await shopper.SubmitAsync("/account", "/account?handler=delete");
        Assert.True(unconfirmed.Shows("Tick the box to confirm"), unconfirmed.Text);
        var home = await shopper.SubmitAsync("/account", "/account?handler=delete", ("confirm", "true"));

        Assert.True(home.Shows("Your account and everything the shop recorded about your visits have been deleted."), home.Text);
        Assert.Equal("/login", (await shopper.GetAsync("/account")).Path);
        Assert.Empty(await store.EventsAsync("17850"));
        await using var module = new SegmentsDbContextFactory(DatabaseProvider.Sqlite, store.Database.ConnectionString).Create();
        Assert.False(await module.Profiles.AnyAsync(p => p.CustomerId == "17850"));
        using var scope = store.Services.CreateScope();
        var shop = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var customer = await shop.Customers.SingleAsync(c => c.Id == 17850);
        Assert.Null(customer.Email);
        Assert.NotEmpty(await shop.Orders.Where(o => o.CustomerId == 17850).ToListAsync());
    }

    [Fact]
    public async Task The_admin_exports_a_visitors_data_as_JSON_and_erases_it_from_the_profile_page()
    {
        await using var store = await StoreFactory.CreateAsync();
        var visitor = store.NewBrowser();
        await visitor.GetAsync("/search?q=candle");
        var profileId = (await store.EventsAsync(visitor.VisitorId)).Single().ProfileId;
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var page = await admin.GetAsync($"/admin/nopsegments/profiles/{profileId}");
        var export = await admin.GetAsync($"/admin/nopsegments/profiles/{profileId}/export");
        var erased = await admin.SubmitAsync($"/admin/nopsegments/profiles/{profileId}", $"/admin/nopsegments/profiles/{profileId}/erase", ("confirm", "yes"));

        Assert.True(page.Shows("Export everything NopSegments holds about this person (JSON)"));
        var json = JsonDocument.Parse(export.Html).RootElement;
        Assert.Equal("candle", json.GetProperty("events")[0].GetProperty("properties").GetProperty("query").GetString());
        Assert.Equal([visitor.VisitorId], json.GetProperty("visitorIds").EnumerateArray().Select(v => v.GetString()));
        Assert.True(erased.Shows($"Erased profile {profileId}: 1 events, 1 identities, 1 profiles."), erased.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/nopsegments/profiles/{profileId}")).Status);
        Assert.Empty(await store.EventsAsync(visitor.VisitorId));
    }

    [Fact]
    public async Task The_store_purges_events_older_than_the_retention_setting_by_itself()
    {
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:RetentionPurgeInterval"] = "00:00:00.200" });
        var tracker = store.Services.GetRequiredService<NopSegments.Tracking.ISegmentsTracker>();
        var now = DateTimeOffset.UtcNow;
        // Both are taken (the old one is stored like any other); the purge, every 200 ms here, may remove it at once.
        Assert.True(tracker.Track(new NopSegments.Tracking.StoreEvent("searched", "v-retained", now.AddDays(-800)) { Properties = new Dictionary<string, object?> { ["query"] = "old" } }).Accepted);
        Assert.True(tracker.Track(new NopSegments.Tracking.StoreEvent("searched", "v-retained", now.AddDays(-1)) { Properties = new Dictionary<string, object?> { ["query"] = "new" } }).Accepted);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<NopSegments.Data.Tracking.EventRecord> left;
        do
        {
            await Task.Delay(200);
            left = await store.EventsAsync("v-retained");
        }
        while (left.Count > 1 && DateTime.UtcNow < deadline);

        Assert.Contains("new", Assert.Single(left).Properties, StringComparison.Ordinal);
    }
}
