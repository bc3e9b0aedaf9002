using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Segments;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Campaigns;

namespace NopSegments.DemoStore.Tests.Campaigns;

/// <summary>
/// The campaigns' admin as a merchandiser uses it: a broken definition is refused at its line and kept; the preview says
/// whether a chosen customer would see it and why not; go live, pause, duplicate and archive do what they say.
/// </summary>
public sealed class CampaignAdminTests
{
    private const string Campaigns = "/admin/nopsegments/campaigns";

    private const string Repeat = """
        {
          "slug": "thank-you", "name": "Thanks for coming back",
          "audience": { "segment": "repeat-buyers" },
          "placement": "home_page_top",
          "content": {
            "title": "Thank you"
          },
          "holdout": 0
        }
        """;

    [Fact]
    public async Task A_merchandiser_is_told_where_a_definition_is_wrong_previews_it_for_a_customer_and_runs_it()
    {
        await using var store = await StoreFactory.CreateAsync();
        var members = (await store.Services.GetRequiredService<SavedSegments>().SaveAsync(new SegmentDraft("repeat-buyers", "Repeat buyers", null, "orders_count >= 2"))).Members;
        var outsider = await OneOrderCustomerAsync(store);
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var typo = await admin.SubmitAsync($"{Campaigns}/new", Campaigns, ("definition", Repeat.Replace("\"title\"", "\"titel\"", StringComparison.Ordinal)));
        var saved = await admin.SubmitAsync($"{Campaigns}/new", Campaigns, ("definition", Repeat));
        var member = await PreviewAsync(admin, "17850");
        var notMember = await PreviewAsync(admin, outsider);
        var nobody = await PreviewAsync(admin, "no-such-customer");
        var live = await admin.SubmitAsync($"{Campaigns}/thank-you", $"{Campaigns}/thank-you/status", ("status", "live"));
        var listed = await admin.GetAsync(Campaigns);
        var decidingLive = (await store.Services.GetRequiredService<LiveCampaigns>().GetAsync(default)).BySlug.ContainsKey("thank-you");
        var copy = await admin.SubmitAsync($"{Campaigns}/thank-you", $"{Campaigns}/thank-you/duplicate");
        var paused = await admin.SubmitAsync($"{Campaigns}/thank-you", $"{Campaigns}/thank-you/status", ("status", "paused"));
        var decidingPaused = (await store.Services.GetRequiredService<LiveCampaigns>().GetAsync(default)).BySlug.ContainsKey("thank-you");
        await admin.SubmitAsync($"{Campaigns}/thank-you", $"{Campaigns}/thank-you/status", ("status", "archived"));
        var archived = await admin.GetAsync(Campaigns);

        Assert.Equal(HttpStatusCode.BadRequest, typo.Status);
        Assert.True(typo.Shows("Line 6: $.content.titel: unknown property (expected title, body, image, cta, ctaUrl)"), typo.Text);
        Assert.Contains("\"titel\": \"Thank you\"", WebUtility.HtmlDecode(typo.Html), StringComparison.Ordinal);
        Assert.Equal(($"{Campaigns}/thank-you", true), (saved.Path, saved.Shows("Saved.")));
        Assert.Equal("Would see variant A.", member.GetProperty("verdict").GetString());
        Assert.Contains("Thank you", member.GetProperty("arms")[0].GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal("Would not see it: not in the segment 'repeat-buyers'.", notMember.GetProperty("verdict").GetString());
        Assert.Equal("No profile 'no-such-customer': enter a profile number, customer id or email.", nobody.GetProperty("verdict").GetString());
        Assert.True(live.Shows("Status: live"), live.Text);
        Assert.True(listed.Shows($"repeat-buyers {members:N0} home_page_top"), listed.Text);
        Assert.True(decidingLive);
        Assert.Equal($"{Campaigns}/thank-you-copy", copy.Path);
        Assert.True(copy.Shows("Copy of Thanks for coming back") && copy.Shows("Status: draft"), copy.Text);
        Assert.True(paused.Shows("Status: paused") && paused.Shows("Resume"), paused.Text);
        Assert.False(decidingPaused);
        Assert.Contains("data-campaign=\"thank-you-copy\"", archived.Html.Split("data-campaign=\"thank-you\"")[0], StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PreviewAsync(StoreBrowser admin, string who)
    {
        var answer = await admin.SubmitAsync($"{Campaigns}/thank-you", $"{Campaigns}/preview", ("definition", Repeat), ("who", who));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return JsonDocument.Parse(answer.Html).RootElement.Clone();
    }

    private static async Task<string> OneOrderCustomerAsync(StoreFactory store)
    {
        await using var db = store.Services.GetRequiredService<NopSegments.Data.SegmentsDbContextFactory>().Create();
        return await db.Profiles.Where(p => p.OrdersCount == 1 && p.CustomerId != null).Select(p => p.CustomerId!).FirstAsync();
    }
}
