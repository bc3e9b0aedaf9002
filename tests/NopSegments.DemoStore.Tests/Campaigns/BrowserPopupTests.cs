using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NopSegments.Data.Campaigns;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests.Campaigns;

/// <summary>
/// Pop-ups on exit intent, caps across pages and sessions, and the holdout, in real Chromium: the server decides, the
/// tracker shows, and what a person has seen is read back from the ledger of served offers.
/// </summary>
public sealed class BrowserPopupTests
{
    private const string LeavingSoon = """
        {
          "slug": "leaving-soon", "name": "Before you go",
          "placement": "popup", "trigger": { "on": "exit_intent" },
          "caps": { "perSession": 1, "total": 2 }, "stopAfter": [],
          "content": { "title": "Before you go", "body": "<p>Free delivery over £30 this week.</p>" }
        }
        """;

    [SkippableFact]
    public async Task Exit_intent_shows_the_popup_once_and_the_cap_holds_across_pages_and_sessions()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        await CampaignHarness.GoLiveAsync(store, LeavingSoon);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { BaseURL = store.ServerAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();

        var first = await OffersOnAsync(page, "/product/71053");
        var popup = page.Locator(".nopsegments-popup");
        var beforeLeaving = await popup.CountAsync();
        var viewed = CampaignHarness.ViewReportedAsync(page);
        await LeaveThroughTheTopAsync(page);
        await Assertions.Expect(popup).ToContainTextAsync("Free delivery over £30");
        await viewed;
        await popup.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await LeaveThroughTheTopAsync(page);
        var againOnThePage = await popup.CountAsync();

        var nextPage = await OffersOnAsync(page, "/category/candles-lights");
        await context.ClearCookiesAsync(new() { Name = "nopsegments.sid" });
        var secondSession = await OffersOnAsync(page, "/");
        var viewedAgain = CampaignHarness.ViewReportedAsync(page);
        await LeaveThroughTheTopAsync(page);
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await viewedAgain;
        await context.ClearCookiesAsync(new() { Name = "nopsegments.sid" });
        var thirdSession = await OffersOnAsync(page, "/");
        var visitor = await CampaignHarness.VisitorOfAsync(store, context);

        Assert.Equal("popup exit_intent", Assert.Single(first));
        Assert.Equal(0, beforeLeaving);
        Assert.Equal(0, againOnThePage);
        Assert.Empty(nextPage);
        Assert.Equal("popup exit_intent", Assert.Single(secondSession));
        Assert.Empty(thirdSession);
        // Two views, one close: the close is the person's event, the second view ran into the total cap.
        Assert.Equal(2, (await store.EventsAsync(visitor, "offer_viewed")).Count);
        Assert.Single(await store.EventsAsync(visitor, "offer_closed"));
    }

    [SkippableFact]
    public async Task The_holdout_sees_nothing_while_the_variant_sees_the_offer_and_both_are_counted()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var origin = store.ServerAddress.ToString().TrimEnd('/');
        var (heldOutContext, shownContext) = (await browser.NewContextAsync(new() { BaseURL = origin }), await browser.NewContextAsync(new() { BaseURL = origin }));
        var (heldOut, shown) = (await heldOutContext.NewPageAsync(), await shownContext.NewPageAsync());
        await heldOut.GotoAsync("/search?q=candle");
        await shown.GotoAsync("/search?q=candle");
        var (heldOutVisitor, shownVisitor) = (await CampaignHarness.VisitorOfAsync(store, heldOutContext), await CampaignHarness.VisitorOfAsync(store, shownContext));
        // Assignment is a stable hash of the campaign and the person: pick the campaign whose split puts one in each arm.
        var json = Enumerable.Range(1, 200).Select(i => Welcome($"welcome-{i}"))
            .First(j => CampaignDecider.Assign(CampaignReader.Read(j), heldOutVisitor).IsHoldout && !CampaignDecider.Assign(CampaignReader.Read(j), shownVisitor).IsHoldout);
        await CampaignHarness.GoLiveAsync(store, json);

        var heldOutViewed = CampaignHarness.ViewReportedAsync(heldOut);
        await heldOut.GotoAsync("/");
        await heldOutViewed;
        var shownViewed = CampaignHarness.ViewReportedAsync(shown);
        await shown.GotoAsync("/");
        await Assertions.Expect(shown.Locator(".nopsegments-offer[data-slot='home_page_top']")).ToContainTextAsync("Hello there");
        await shownViewed;
        var heldOutOffers = await heldOut.Locator(".nopsegments-offer").CountAsync();
        var (arms, _) = await store.Services.GetRequiredService<CampaignResults>()
            .ForAsync(CampaignReader.Read(json).Slug, TimeSpan.FromDays(7), null, CancellationToken.None);

        Assert.Equal(0, heldOutOffers);
        Assert.Equal([("A", 1, 1), (null, 1, 1)], arms.Select(a => (a.Variant, a.People, a.Impressions)));
        Assert.Empty(await store.EventsAsync(heldOutVisitor, "offer_viewed"));
        Assert.Single(await store.EventsAsync(shownVisitor, "offer_viewed"));
    }

    private static string Welcome(string slug) => $$"""
        { "slug": "{{slug}}", "name": "Welcome", "placement": "home_page_top", "holdout": 50, "caps": { "perSession": 0 },
          "content": { "title": "Hello there", "body": "<p>New here? Take a look at our candles.</p>" } }
        """;

    /// <summary>Opens a page and returns the offers the tracker was given for it ("slot trigger"), once it has them.</summary>
    private static async Task<IReadOnlyList<string>> OffersOnAsync(IPage page, string url)
    {
        var answer = page.WaitForResponseAsync(r => r.Url.Contains("/nopsegments/offers?", StringComparison.Ordinal));
        await page.GotoAsync(url);
        var offers = await (await answer).JsonAsync();
        return [.. offers!.Value.EnumerateArray().Select(o => $"{o.GetProperty("slot").GetString()} {o.GetProperty("trigger").GetString()}")];
    }

    // The pointer leaves the window through its top edge, as it does on the way to the tab bar or the address bar.
    private static async Task LeaveThroughTheTopAsync(IPage page)
    {
        await page.Mouse.MoveAsync(400, 300);
        await page.Mouse.MoveAsync(400, -5);
    }
}
