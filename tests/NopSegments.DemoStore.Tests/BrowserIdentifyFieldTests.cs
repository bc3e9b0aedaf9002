using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Hosting;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// A host whose checkout markup the module cannot mark (nopCommerce's billing form) names its email field by selector;
/// the tracker in real Chromium identifies the guest from that field.
/// </summary>
public sealed class BrowserIdentifyFieldTests
{
    [SkippableFact]
    public async Task The_tracker_identifies_a_guest_from_the_email_field_the_host_names()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true,
            replace: services => services.PostConfigure<NopSegmentsOptions>(o => o.CheckoutEmailField = "input[autocomplete=email]"));
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var guest = await (await browser.NewContextAsync(new() { BaseURL = store.ServerAddress.ToString().TrimEnd('/') })).NewPageAsync();
        await guest.GotoAsync("/register");

        var identified = guest.WaitForResponseAsync(r => r.Url.EndsWith("/nopsegments/identify", StringComparison.Ordinal));
        await guest.GetByLabel("Email").FillAsync("named.field@example.com");
        await guest.GetByLabel("Email").BlurAsync();
        var answer = await (await identified).JsonAsync();

        Assert.True(answer?.GetProperty("identified").GetBoolean());
        var events = await store.EventsAsync();
        Assert.Contains(events, e => e.Name == "identified" && e.CustomerId is not null);
    }
}
