using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.Data.Tracking;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.DemoStore.Tests;

/// <summary>What happens to tracked events between Track() and the database.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task A_graceful_shutdown_stores_everything_that_was_queued()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var store = await StoreFactory.CreateAsync(database: database))
        {
            var tracker = store.Services.GetRequiredService<ISegmentsTracker>();
            for (var i = 0; i < 3_000; i++)
                Assert.True(tracker.Track(new StoreEvent("searched", "queued-visitor", DateTimeOffset.UtcNow)
                {
                    Properties = new Dictionary<string, object?> { ["query"] = $"q{i}" },
                }).Accepted);
        }

        await using var db = new SegmentsDbContextFactory(DatabaseProvider.Sqlite, database.ConnectionString).Create();
        Assert.Equal(3_000, await db.Events.CountAsync(e => e.VisitorId == "queued-visitor"));
    }

    [Fact]
    public async Task In_durable_mode_an_event_is_stored_before_track_returns()
    {
        await using var store = await StoreFactory.CreateAsync(durable: true);
        var tracker = store.Services.GetRequiredService<ISegmentsTracker>();
        var events = store.Services.GetRequiredService<EventStore>();

        var result = tracker.Track(new StoreEvent("logged_in", "durable-visitor", DateTimeOffset.UtcNow) { CustomerId = "42" });

        Assert.True(result.Accepted);
        // Read straight from the database, without waiting for any queue.
        Assert.Single(await events.RecentAsync(new EventFilter("durable-visitor", null)));
    }
}
