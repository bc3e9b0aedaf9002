using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.Data.Segments;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Tests;

/// <summary>The store's own timer keeps time-driven membership current, without anyone saving or sweeping by hand.</summary>
public sealed class SegmentSweeperTests
{
    [Fact]
    public async Task The_store_rescores_an_RFM_segment_by_itself_when_a_new_buyer_outranks_the_others()
    {
        await using var store = await StoreFactory.CreateAsync(durable: true, sweeper: (TimeSpan.FromMilliseconds(200), TimeSpan.Zero));
        var segments = store.Services.GetRequiredService<SavedSegments>();
        await segments.SaveAsync(new SegmentDraft("most-recent", "Most recent buyers", null, "rfm_recency = 5"));

        // The newest order of all ranks its buyer first on recency; RFM ranks are not moved per event, only by rescoring.
        var placed = store.Services.GetRequiredService<ISegmentsTracker>().Track(new StoreEvent(EventNames.OrderPlaced, "v-newcomer", DateTimeOffset.UtcNow)
        {
            CustomerId = "newcomer",
            Properties = new Dictionary<string, object?> { ["order_id"] = "N-1", ["value"] = 12.5m, ["currency"] = "GBP" },
        });
        Assert.True(placed.Accepted, placed.Reason);

        await using var db = store.Services.GetRequiredService<SegmentsDbContextFactory>().Create();
        var newcomer = await db.Profiles.Where(p => p.CustomerId == "newcomer").Select(p => p.Id).SingleAsync();
        for (var waited = 0; waited < 100; waited++)
        {
            var log = await db.SegmentTransitions.AsNoTracking().Where(t => t.ProfileId == newcomer).Select(t => t.Kind + " " + t.Reason).ToListAsync();
            if (log.Count > 0)
            {
                Assert.Equal(["entered time"], log);
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The newcomer never entered the RFM segment: the sweeper did not rescore it.");
    }
}
