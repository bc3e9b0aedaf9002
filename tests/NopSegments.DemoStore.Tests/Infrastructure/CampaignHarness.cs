using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Segments;
using NopSegments.Web.Campaigns;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>Campaign tests' shared steps: saved segments and live campaigns in the store, and a shopper's visitor id.</summary>
internal static class CampaignHarness
{
    public static Task SegmentAsync(StoreFactory store, string slug, string query) =>
        store.Services.GetRequiredService<SavedSegments>().SaveAsync(new SegmentDraft(slug, slug, null, query));

    /// <summary>Saves the campaign and sets it live, as the admin's Save and Go live do.</summary>
    public static async Task GoLiveAsync(StoreFactory store, string json)
    {
        var campaigns = store.Services.GetRequiredService<CampaignStore>();
        await campaigns.SaveAsync(json, CancellationToken.None);
        await campaigns.SetStatusAsync(CampaignReader.Read(json).Slug, StoredCampaign.Live, CancellationToken.None);
        store.Services.GetRequiredService<LiveCampaigns>().Invalidate();
    }

    public static async Task<string> VisitorOfAsync(StoreFactory store, IBrowserContext browser)
    {
        var cookie = (await browser.CookiesAsync()).Single(c => c.Name == "nopsegments.vid");
        return store.UnprotectVisitorCookie(Uri.UnescapeDataString(cookie.Value))!;
    }

    /// <summary>Waits until the module has stored an event of this name for the visitor (and the segments it moves).</summary>
    public static async Task StoredAsync(StoreFactory store, string visitor, string name, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await store.EventsAsync(visitor, name)).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    /// <summary>Waits for the tracker's report of a view (the would-be view, for the holdout).</summary>
    public static Task<IResponse> ViewReportedAsync(IPage page) =>
        page.WaitForResponseAsync(r => r.Url.EndsWith("/nopsegments/offers/viewed", StringComparison.Ordinal) && r.Ok);
}
