using System.Text.Json;
using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>The tracker script in real Chromium against the store on a real port.</summary>
public sealed class BrowserTrackerTests
{
    [SkippableFact]
    public async Task The_tracker_reports_the_landing_page_its_campaign_and_the_exit_with_engagement()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        await using var browser = await Chromium.OpenAsync(store.ServerAddress);
        var (context, page) = (browser.Context, browser.Page);

        var tracked = page.WaitForResponseAsync(r => r.Url.EndsWith("/nopsegments/track", StringComparison.Ordinal));
        await page.GotoAsync("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring");
        Assert.Equal(202, (await tracked).Status);
        // A click while the landing page was still loading was once lost on a busy machine (no navigation, nothing open).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByRole(AriaRole.Link, new() { Name = "Christmas" }).First.ClickAsync();
        await browser.WaitForUrlAsync("**/category/christmas");
        var visitor = store.UnprotectVisitorCookie(Uri.UnescapeDataString((await context.CookiesAsync()).Single(c => c.Name == "nopsegments.vid").Value))!;

        var events = await WaitForAsync(store, visitor, 5);
        var names = events.Select(e => e.Name).ToList();
        Assert.Contains("session_started", names);
        Assert.Contains("page_exited", names);
        Assert.Contains("category_viewed", names);
        var landing = Json(events.Last(e => e.Name == "page_viewed").Properties); // newest first: the last is the landing page
        Assert.EndsWith("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring", landing.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Gifts, candles and homeware · Hearth & Holly", "email", "spring"),
            (landing.GetProperty("title").GetString(), landing.GetProperty("source").GetString(), landing.GetProperty("utm_campaign").GetString()));
        var exit = Json(events.First(e => e.Name == "page_exited").Properties);
        Assert.Equal("/", exit.GetProperty("path").GetString());
        Assert.True(exit.GetProperty("engaged_seconds").GetDouble() >= 0);
        Assert.All(events, e => Assert.Equal("email", Json(e.Properties).GetProperty("source").GetString()));
    }

    [SkippableFact]
    public async Task A_browser_sending_do_not_track_leaves_no_trace()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var (playwright, context, profile) = await Chromium.LaunchWithDoNotTrackAsync(store.ServerAddress);
        using var _ = playwright;
        var trackerCalls = 0;
        context.Request += (_, request) => trackerCalls += request.Url.EndsWith("/nopsegments/track", StringComparison.Ordinal) ? 1 : 0;
        var page = await context.NewPageAsync();
        var started = DateTime.UtcNow.AddSeconds(-1);

        await page.GotoAsync("/product/71053");
        Assert.Equal("1", await page.EvaluateAsync<string>("navigator.doNotTrack"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-count")).ToHaveTextAsync("1");

        Assert.Empty((await context.CookiesAsync()).Where(c => c.Name.StartsWith("nopsegments", StringComparison.Ordinal)).Select(c => c.Name));
        Assert.DoesNotContain(await store.EventsAsync(), e => e.OccurredAt > started); // only the backfilled history is there
        Assert.Equal(0, trackerCalls);
        await context.CloseAsync();
        Directory.Delete(profile, recursive: true);
    }

    private static async Task<IReadOnlyList<Data.Tracking.EventRecord>> WaitForAsync(StoreFactory store, string visitor, int count)
    {
        // The exit beacon is sent as the page unloads; give it a moment to arrive.
        for (var i = 0; i < 50; i++)
        {
            var events = await store.EventsAsync(visitor);
            if (events.Count >= count && events.Any(e => e.Name == "page_exited"))
                return events;
            await Task.Delay(100);
        }
        return await store.EventsAsync(visitor);
    }

    private static JsonElement Json(string properties) => JsonDocument.Parse(properties).RootElement;
}
