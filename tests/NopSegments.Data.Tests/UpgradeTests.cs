using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Tracking;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

public sealed class UpgradeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite, "20261129113441_ProfileEventNameIndex")]
    [InlineData(DatabaseProvider.PostgreSql, "20261129113507_ProfileEventNameIndex")]
    public async Task Events_stored_before_the_events_key_changed_stay_and_a_retry_of_one_is_still_stored_once(DatabaseProvider provider, string before)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var database = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var earlier = new StoreEvent(EventNames.PageViewed, "v1", At) { SessionId = "s1" };
        await using (var db = contexts.Create())
        {
            // A shop that installed the module before the events were keyed by name first (time first, AUTOINCREMENT ids on SQLite).
            await db.GetService<IMigrator>().MigrateAsync(before);
            db.Events.Add(new StoredEvent
            {
                Id = provider == DatabaseProvider.Sqlite ? 41 : 0, EventId = earlier.EventId, Name = earlier.Name, VisitorId = "v1",
                SessionId = "s1", OccurredAt = At.UtcDateTime, RecordedAt = At.UtcDateTime, Properties = "{}",
            });
            await db.SaveChangesAsync();
        }

        await new ModuleLifecycle(contexts).InstallAsync();
        var later = new StoreEvent(EventNames.PageViewed, "v1", At.AddMinutes(1)) { SessionId = "s1" };
        var result = await new IngestionWriter(contexts, TimeProvider.System).WriteAsync([earlier, later]);

        Assert.Equal((1, 1), (result.Stored, result.Duplicates));
        await using var check = contexts.Create();
        var rows = await check.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ToListAsync();
        Assert.Equal([earlier.EventId, later.EventId], rows.Select(e => e.EventId));
        Assert.True(rows[1].Id > rows[0].Id, "a new event's row id comes after every stored one");
    }
}
