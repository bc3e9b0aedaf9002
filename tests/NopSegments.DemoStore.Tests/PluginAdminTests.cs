using System.Net;
using NopSegments.Data;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class PluginAdminTests
{
    [Fact]
    public async Task The_store_admin_requires_an_administrator()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        var visitor = store.NewBrowser();

        Assert.Equal("/login", (await visitor.GetAsync("/admin/plugins")).Path);
        await visitor.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        Assert.Equal("/login", (await visitor.GetAsync("/admin/plugins")).Path);
    }

    [Fact]
    public async Task The_plugin_page_lists_the_module_with_its_manifest()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        var admin = await AdminAsync(store);

        var page = await admin.GetAsync("/admin/plugins");

        Assert.True(page.Shows("NopSegments — behavioral segments"));
        Assert.True(page.Shows("Misc.NopSegments"));
        Assert.True(page.Shows("supports nopCommerce 4.90"));
        Assert.True(page.Shows("0.1.0"));
        Assert.True(page.Shows("Not installed"));
        Assert.False(page.Shows("Store events"), "the module's menu appears only once installed");
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Install_adds_the_admin_page_and_uninstall_removes_every_module_table(DatabaseProvider provider)
    {
        Testing.TestDatabase.SkipUnlessAvailable(provider);
        await using var store = await StoreFactory.CreateAsync(provider, install: false);
        var admin = await AdminAsync(store);
        var storeTables = await store.Database.TablesAsync();

        var installed = await admin.SubmitAsync("/admin/plugins", "/admin/plugins?handler=install");
        Assert.True(installed.Shows("NopSegments — behavioral segments was installed."));
        Assert.True(installed.Shows("Installed"));
        Assert.Contains("nopsegments_events", await store.Database.TablesAsync());
        var menu = await admin.GetAsync("/admin");
        Assert.Contains("href=\"/admin/nopsegments/events\"", menu.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/nopsegments/segments\"", menu.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/nopsegments/events")).Status);

        var uninstalled = await admin.SubmitAsync("/admin/plugins", "/admin/plugins?handler=uninstall");
        Assert.True(uninstalled.Shows("was uninstalled."));
        Assert.True(uninstalled.Shows("Not installed"));
        Assert.Equal(storeTables, await store.Database.TablesAsync());
        Assert.DoesNotContain("/admin/nopsegments/events", (await admin.GetAsync("/admin")).Html, StringComparison.Ordinal);
        Assert.True((await admin.GetAsync("/admin/nopsegments/events")).Shows("NopSegments is not installed"));
        Assert.True((await admin.GetAsync("/admin/nopsegments/segments")).Shows("NopSegments is not installed"));

        var again = await admin.SubmitAsync("/admin/plugins", "/admin/plugins?handler=install");
        Assert.True(again.Shows("Installed"));
    }

    [Fact]
    public async Task The_events_page_is_for_administrators_only()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        Assert.Equal("/login", (await shopper.GetAsync("/admin/nopsegments/events")).Path);
        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        Assert.Equal("/login", (await shopper.GetAsync("/admin/nopsegments/events")).Path);
        Assert.Equal("/login", (await shopper.GetAsync("/admin/nopsegments/segments")).Path);
        var forged = await shopper.PostJsonAsync("/admin/nopsegments/segments/preview", """{"query":"orders_count > 1"}""");
        Assert.True(forged.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{forged.Status}: {forged.Body}");
    }

    [Fact]
    public async Task The_events_page_shows_a_visitors_events_and_filters_by_visitor_and_event()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/product/71053");
        await shopper.GetAsync("/search?q=heart");
        var other = store.NewBrowser();
        await other.GetAsync("/search?q=candle");
        var admin = await AdminAsync(store);

        var all = await admin.GetAsync("/admin/nopsegments/events");
        var mine = await admin.GetAsync($"/admin/nopsegments/events?visitor={shopper.VisitorId}");
        var searches = await admin.GetAsync($"/admin/nopsegments/events?visitor={shopper.VisitorId}&name=searched");

        Assert.True(all.Shows("candle") && all.Shows("heart"));
        Assert.True(mine.Shows("product_viewed") && mine.Shows("heart") && !mine.Shows("candle"));
        Assert.True(searches.Shows("heart") && !searches.Html.Contains("data-event=\"product_viewed\"", StringComparison.Ordinal));
    }

    private static async Task<StoreBrowser> AdminAsync(StoreFactory store)
    {
        var admin = store.NewBrowser();
        var landing = await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        Assert.Equal("/", landing.Path);
        return admin;
    }
}
