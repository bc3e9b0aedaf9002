using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>The module's admin pages sit inside the store's own admin layout, as they would inside nopCommerce's.</summary>
public sealed class AdminLayoutTests
{
    [Fact]
    public async Task Module_pages_render_inside_the_store_admin_layout_and_downloads_pass_through()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/search?q=lantern");
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var segments = await admin.GetAsync("/admin/nopsegments/segments");
        var profiles = await admin.GetAsync("/admin/nopsegments/profiles");
        var outsider = await store.NewBrowser().GetAsync("/admin/nopsegments/segments");
        var listed = await admin.GetAsync($"/admin/nopsegments/profiles?q={shopper.VisitorId}");
        var profile = System.Text.RegularExpressions.Regex.Match(listed.Html, "href=\"(/admin/nopsegments/profiles/\\d+)\"").Groups[1].Value;
        var export = await admin.GetAsync(profile + "/export");

        Assert.Contains("<aside class=\"admin-menu\">", segments.Html, StringComparison.Ordinal);
        Assert.Contains("<title>Segments · Store admin</title>", segments.Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"ns-admin ns-in-host\">", segments.Html, StringComparison.Ordinal);
        Assert.Contains("/nopsegments/assets/admin.css", segments.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"ns-top\"", segments.Html, StringComparison.Ordinal);
        Assert.True(profiles.Shows("Profiles"));
        Assert.Contains("<aside class=\"admin-menu\">", profiles.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-menu", outsider.Html, StringComparison.Ordinal);
        Assert.StartsWith("{", export.Html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("admin-menu", export.Html, StringComparison.Ordinal);
    }
}
