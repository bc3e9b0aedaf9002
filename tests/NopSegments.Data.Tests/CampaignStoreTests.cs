using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Segments;
using Microsoft.EntityFrameworkCore;
using NopSegments.Testing;

namespace NopSegments.Data.Tests;

/// <summary>Campaigns in the module's table: only definitions that read are kept; only live ones reach the decision.</summary>
public sealed class CampaignStoreTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private const string Comeback = """
        { "slug": "cart-comeback", "name": "Come back", "placement": "productdetails_top",
          "audience": { "segment": "cart-abandoners" }, "content": { "title": "Welcome back" } }
        """;

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_campaign_is_saved_in_versions_goes_live_and_leaves_the_decision_when_its_segment_goes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var segments = new SavedSegments(contexts, clock);
        var campaigns = new CampaignStore(contexts, clock);

        var refused = await Assert.ThrowsAsync<CampaignDefinitionException>(() => campaigns.SaveAsync(Comeback, CancellationToken.None));
        await segments.SaveAsync(new SegmentDraft("cart-abandoners", "Cart abandoners", null, "cart_items_count > 0"));
        var first = await campaigns.SaveAsync(Comeback, CancellationToken.None);
        var draftLive = await campaigns.LiveAsync(null, CancellationToken.None);
        var second = await campaigns.SaveAsync(Comeback.Replace("Welcome back", "Still yours", StringComparison.Ordinal), CancellationToken.None);
        await campaigns.SetStatusAsync("cart-comeback", StoredCampaign.Live, CancellationToken.None);
        var live = await campaigns.LiveAsync(null, CancellationToken.None);
        var inUse = await Assert.ThrowsAsync<SegmentDefinitionException>(() => segments.DeleteAsync("cart-abandoners"));
        // Archived, it no longer holds the segment; set live again after the segment is gone, it is left out.
        await campaigns.SetStatusAsync("cart-comeback", StoredCampaign.Archived, CancellationToken.None);
        await segments.DeleteAsync("cart-abandoners");
        await campaigns.SetStatusAsync("cart-comeback", StoredCampaign.Live, CancellationToken.None);
        var unreadable = new List<string>();
        var orphaned = await campaigns.LiveAsync(unreadable, CancellationToken.None);

        Assert.Equal("$.audience.segment: 'cart-abandoners' is not a saved segment", refused.Message);
        Assert.Equal((1, 2), (first, second));
        Assert.Empty(draftLive);
        Assert.Equal("Still yours", Assert.Single(live).Content.Title);
        Assert.Equal("'cart-abandoners' cannot be deleted: the campaign 'Come back' targets it; change that first", inUse.Message);
        Assert.Equal(new CampaignStore.Summary("cart-comeback", "Come back", "live", 2, clock.GetUtcNow().UtcDateTime), Assert.Single(await campaigns.ListAsync(CancellationToken.None)));
        Assert.Empty(orphaned);
        Assert.Equal(["cart-comeback"], unreadable);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_segment_a_flow_starts_on_or_reads_is_not_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var segments = new SavedSegments(contexts, TimeProvider.System);
        await segments.SaveAsync(new SegmentDraft("vip", "VIP", null, "orders_count >= 5"));
        await segments.SaveAsync(new SegmentDraft("lapsed", "Lapsed", null, "orders_count >= 1"));
        await using (var db = contexts.Create())
        {
            (await db.Settings.SingleAsync(s => s.Key == "flows.custom")).Value = "vip_welcome";
            db.Settings.Add(new Settings.ModuleSetting { Key = "flows.vip_welcome.trigger", Value = "segment:vip" });
            db.Settings.Add(new Settings.ModuleSetting { Key = "flows.vip_welcome.name", Value = "VIP welcome" });
            (await db.Settings.SingleAsync(s => s.Key == "flows.win_back.exit")).Value = "in_segment(\"lapsed\")";
            await db.SaveChangesAsync();
        }

        var starts = await Assert.ThrowsAsync<SegmentDefinitionException>(() => segments.DeleteAsync("vip"));
        var reads = await Assert.ThrowsAsync<SegmentDefinitionException>(() => segments.DeleteAsync("lapsed"));

        Assert.Equal("'vip' cannot be deleted: the flow 'VIP welcome' starts on it; change that first", starts.Message);
        Assert.Equal("'lapsed' cannot be deleted: the flow 'Win-back' reads it in its exit filter; change that first", reads.Message);
        Assert.Equal(2, (await segments.ListAsync()).Count);
    }
}
