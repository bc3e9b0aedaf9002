using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Settings;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// The abandoned-cart story in real Chromium on a real port: a guest types their email at checkout and ticks the
/// consent box, leaves; the reminder arrives over SMTP, its link (through the store) rebuilds the cart in a fresh
/// browser, and the shop owner sees it counted on the flow's page with its chart drawn.
/// </summary>
public sealed class BrowserFlowTests
{
    [SkippableFact]
    public async Task A_guest_who_leaves_at_checkout_is_reminded_and_the_email_brings_the_cart_back_in_another_browser()
    {
        Chromium.SkipUnlessInstalled();
        await using var sink = SmtpSink.Start();
        var clock = FlowHarness.Morning();
        await using var store = await StoreFactory.CreateAsync(kestrel: true, clock: clock, settings: FlowHarness.StoreSettings(sink));
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var origin = store.ServerAddress.ToString().TrimEnd('/');

        var guest = await (await browser.NewContextAsync(new() { BaseURL = origin })).NewPageAsync();
        await guest.GotoAsync($"/product/{FlowHarness.Lantern}");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(guest.GetByTestId("cart-count")).ToHaveTextAsync("1");
        await guest.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        var identified = guest.WaitForResponseAsync(r => r.Url.EndsWith("/nopsegments/identify", StringComparison.Ordinal) && r.Request.PostData!.Contains("\"consent\":true", StringComparison.Ordinal));
        await guest.GetByLabel("Email").FillAsync("guest.leaver@example.com");
        await guest.GetByLabel("Send me offers and news").CheckAsync();
        var answer = await (await identified).JsonAsync();
        await guest.CloseAsync();
        await store.EventsAsync();

        clock.Advance(TimeSpan.FromMinutes(61));
        var run = await FlowHarness.RunFlowsAsync(store);
        var email = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var link = System.Net.WebUtility.HtmlDecode(Regex.Match(email.HtmlBody!, "href=\"([^\"]+/nopsegments/email/click\\?t=[^\"]+)\"[^>]*>Return to your cart").Groups[1].Value);
        var elsewhere = await (await browser.NewContextAsync(new() { BaseURL = origin })).NewPageAsync();
        await elsewhere.GotoAsync(link);
        await Assertions.Expect(elsewhere.GetByText("Your cart is back: 1 product.")).ToBeVisibleAsync();
        await Assertions.Expect(elsewhere.GetByTestId("cart-count")).ToHaveTextAsync("1");

        var owner = await (await browser.NewContextAsync(new() { BaseURL = origin })).NewPageAsync();
        await Chromium.LogInAsAdminAsync(owner);
        await owner.GotoAsync("/admin/nopsegments/flows/abandoned_cart");
        await Assertions.Expect(owner.Locator("#flow-chart")).ToHaveAttributeAsync("data-drawn", "true");
        await Assertions.Expect(owner.Locator("#flow-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("tr[data-step='1'] td").Nth(3)).ToHaveTextAsync("1");
        await Assertions.Expect(owner.Locator("tr[data-step='1'] td").Nth(5)).ToHaveTextAsync("1");

        Assert.True(answer?.GetProperty("identified").GetBoolean());
        Assert.Equal((1, 1), (run.Entered, run.Sent));
        Assert.Equal("guest.leaver@example.com", email.To.Mailboxes.Single().Address);
        Assert.Contains("White Metal Lantern", email.HtmlBody, StringComparison.Ordinal);
    }
}
