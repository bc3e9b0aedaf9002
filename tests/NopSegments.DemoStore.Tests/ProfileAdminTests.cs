using System.Text.RegularExpressions;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed partial class ProfileAdminTests
{
    [Fact]
    public async Task The_owner_finds_a_customer_and_sees_attributes_zero_party_data_cart_and_sessions()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring");
        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        await shopper.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "2"));
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var list = await admin.GetAsync("/admin/nopsegments/profiles?q=17850");
        var link = ProfileLink().Match(list.Html);
        var profile = await admin.GetAsync(link.Groups[1].Value);

        Assert.True(list.Shows("1 profile"));
        Assert.True(profile.Shows("Customer 17850 · shopper@demo.store"));
        Assert.Equal("true", Attribute(profile, "is_registered"));
        Assert.Equal("United Kingdom", Attribute(profile, "country"));
        Assert.Equal("2", Attribute(profile, "cart_items_count"));
        Assert.Equal("email", Attribute(profile, "last_source"));
        Assert.Matches(@"^[1-5]$", Attribute(profile, "rfm_frequency"));
        Assert.True(profile.Shows("Session from") && profile.Shows("email (spring)"));
        Assert.True(profile.Shows("Order history (no browser session)"));
        Assert.True(profile.Shows("71053 2 ×"));
        Assert.Contains("data-event=\"added_to_cart\"", profile.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_listed_and_a_missing_profile_is_a_404()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/search?q=lantern");
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var list = await admin.GetAsync($"/admin/nopsegments/profiles?q={shopper.VisitorId}");
        var missing = await admin.GetAsync("/admin/nopsegments/profiles/999999");

        Assert.True(list.Shows("Anonymous #"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Status);
    }

    private static string Attribute(Page page, string name) =>
        Regex.Match(page.Html, $"data-attribute=\"{name}\"><th>{name}</th><td>([^<]*)</td>").Groups[1].Value;

    [GeneratedRegex("href=\"(/admin/nopsegments/profiles/\\d+)\"")]
    private static partial Regex ProfileLink();
}
