using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.Data.Tracking;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Testing;
using NopSegments.Tracking;
using NopSegments.Web.Tracking;

namespace NopSegments.DemoStore.Tests;

/// <summary>Faults between Track() and the database: an event the database refuses, a database that goes away, a full queue.</summary>
public sealed class FaultTests
{
    private static readonly Dictionary<string, string> QuickRetries = new() { ["NopSegments:WriterRetryMaxDelay"] = "00:00:00.200" };

    // A database-side rule the module cannot know about: rows of one visitor are refused, as a constraint or encoding would.
    private static string RefuseVisitor(DatabaseProvider provider, string visitor) => provider == DatabaseProvider.Sqlite
        ? $"CREATE TRIGGER refuse_poison BEFORE INSERT ON nopsegments_events WHEN NEW.visitor_id = '{visitor}' BEGIN SELECT RAISE(ABORT, 'poisoned row refused'); END;"
        : $"""
           CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN
             IF NEW.visitor_id = '{visitor}' THEN RAISE EXCEPTION 'poisoned row refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
           CREATE TRIGGER refuse_poison BEFORE INSERT ON nopsegments_events FOR EACH ROW EXECUTE FUNCTION refuse_poison();
           """;

    private static StoreEvent Search(string visitor, int i) =>
        new(EventNames.Searched, visitor, DateTimeOffset.UtcNow) { Properties = new Dictionary<string, object?> { ["query"] = $"q{i}" } };

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_event_the_database_refuses_is_kept_with_its_reason_and_every_other_event_of_its_batch_is_stored(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var store = await StoreFactory.CreateAsync(provider);
        await store.Database.ExecuteAsync(RefuseVisitor(provider, "poison"));
        var tracker = store.Services.GetRequiredService<ISegmentsTracker>();

        for (var i = 0; i < 600; i++)
        {
            Assert.True(tracker.Track(Search($"shopper-{i % 30}", i)).Accepted);
            if (i is 100 or 450)
                Assert.True(tracker.Track(Search("poison", i)).Accepted);
        }
        await store.EventsAsync();

        await using (var db = new SegmentsDbContextFactory(provider, store.Database.ConnectionString).Create())
        {
            Assert.Equal(600, await db.Events.CountAsync(e => e.Name == EventNames.Searched));
            var kept = await db.DeadLetters.OrderBy(d => d.Id).ToListAsync();
            Assert.Equal(["poison", "poison"], kept.Select(d => d.VisitorId));
            Assert.All(kept, d => Assert.Contains("poisoned row refused", d.Reason, StringComparison.Ordinal));
        }

        // The admin sees them, fixes the cause and retries: both are stored and the list is empty.
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        Assert.True((await admin.GetAsync("/admin/nopsegments/events")).Shows("2 refused events kept with the database's reason"));
        Assert.True((await admin.GetAsync("/admin/nopsegments/dead-letters")).Shows("poisoned row refused"));
        await store.Database.ExecuteAsync("DROP TRIGGER refuse_poison" + (provider == DatabaseProvider.Sqlite ? "" : " ON nopsegments_events"));
        var after = await admin.SubmitAsync("/admin/nopsegments/dead-letters", "/admin/nopsegments/dead-letters", ("action", "retry"));
        Assert.True(after.Shows("Retried: 2 stored, 0 refused again."), after.Text);
        Assert.True(after.Shows("No refused events."));
        Assert.Equal(2, (await store.EventsAsync("poison")).Count);
    }

    [Fact]
    public async Task A_refused_event_retried_while_the_cause_remains_stays_kept_and_can_be_discarded()
    {
        await using var store = await StoreFactory.CreateAsync();
        await store.Database.ExecuteAsync(RefuseVisitor(DatabaseProvider.Sqlite, "poison"));
        store.Services.GetRequiredService<ISegmentsTracker>().Track(Search("poison", 1));
        await store.EventsAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var retried = await admin.SubmitAsync("/admin/nopsegments/dead-letters", "/admin/nopsegments/dead-letters", ("action", "retry"));
        Assert.True(retried.Shows("Retried: 0 stored, 1 refused again."), retried.Text);
        var letter = Assert.Single(await store.Services.GetRequiredService<DeadLetters>().NewestAsync(10));
        Assert.Equal(2, letter.Attempts);

        var discarded = await admin.SubmitAsync("/admin/nopsegments/dead-letters", "/admin/nopsegments/dead-letters",
            ("action", "discard"), ("id", letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(discarded.Shows("Discarded 1."), discarded.Text);
        Assert.Equal(0, await store.Services.GetRequiredService<DeadLetters>().CountAsync());
    }

    [SkippableFact]
    public async Task Events_tracked_while_the_database_refuses_connections_are_all_stored_once_it_is_back()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        await using var store = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql, settings: QuickRetries);
        var tracker = store.Services.GetRequiredService<ISegmentsTracker>();
        var accepted = 0;
        using var loadDone = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; i < 4_000; i++)
            {
                accepted += tracker.Track(Search($"shopper-{i % 50}", i)).Accepted ? 1 : 0;
                if (i % 100 == 0)
                    await Task.Delay(20);
            }
        });

        await Task.Delay(200);
        await store.Database.SetReachableAsync(false);
        await Task.Delay(1_500);
        var status = store.Services.GetRequiredService<WriterStatus>();
        Assert.NotNull(status.Failing);
        await store.Database.SetReachableAsync(true);
        await load;

        Assert.Equal(4_000, accepted);
        await store.Services.GetRequiredService<EventQueue>().FlushAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await using var db = new SegmentsDbContextFactory(DatabaseProvider.PostgreSql, store.Database.ConnectionString).Create();
        Assert.Equal(4_000, await db.Events.CountAsync(e => e.Name == EventNames.Searched));
        Assert.Null(status.Failing);
    }

    [SkippableFact]
    public async Task A_full_queue_sheds_browsing_events_first_keeps_the_stores_own_and_says_so_in_the_admin()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string>(QuickRetries) { ["NopSegments:QueueCapacity"] = "50" };
        await using var store = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql, settings: settings);
        var tracker = store.Services.GetRequiredService<ISegmentsTracker>();
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/");
        await store.EventsAsync();
        await store.Database.SetReachableAsync(false);

        var views = Enumerable.Range(0, 80).Count(i => tracker.Track(
            new StoreEvent(EventNames.ProductViewed, "window-shopper", DateTimeOffset.UtcNow) { Properties = new Dictionary<string, object?> { ["sku"] = $"{i}" } }).Accepted);
        var carts = Enumerable.Range(0, 40).Count(i => tracker.Track(
            new StoreEvent(EventNames.AddedToCart, "buyer", DateTimeOffset.UtcNow) { Properties = new Dictionary<string, object?> { ["sku"] = $"{i}", ["quantity"] = 1 } }).Accepted);
        var (status, body, response) = await shopper.TrackAsync("""{"events":[{"name":"page_viewed","properties":{"url":"http://localhost/"}}]}""");

        Assert.Equal((50, 40), (views, carts));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("try again later", body, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        await store.Database.SetReachableAsync(true);
        await store.Services.GetRequiredService<EventQueue>().FlushAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var page = await admin.GetAsync("/admin/nopsegments/events");
        Assert.True(page.Shows("the full queue shed 31 browsing events and 0 store events"), page.Text);
        Assert.Equal(50, (await store.EventsAsync("window-shopper", EventNames.ProductViewed)).Count);
        Assert.Equal(40, (await store.EventsAsync("buyer", EventNames.AddedToCart)).Count);
    }

    [SkippableFact]
    public async Task Shutting_down_while_the_database_is_away_gives_up_at_the_hosts_shutdown_timeout_instead_of_retrying_for_ever()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string>(QuickRetries) { ["shutdownTimeoutSeconds"] = "2" };
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var store = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql, database: database, settings: settings);
        try
        {
            await database.SetReachableAsync(false);
            var tracker = store.Services.GetRequiredService<ISegmentsTracker>();
            for (var i = 0; i < 100; i++)
                Assert.True(tracker.Track(Search("late-shopper", i)).Accepted);
            var writer = store.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EventWriter>().Single();

            await store.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

            // The host stops waiting at its timeout either way; without a give-up the writer would go on retrying in the background.
            await writer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await database.SetReachableAsync(true);
        }
    }

    [Fact]
    public async Task In_durable_mode_a_refused_event_is_kept_and_the_browser_is_never_told_the_databases_words()
    {
        await using var store = await StoreFactory.CreateAsync(durable: true);
        var shopper = store.NewBrowser();
        await shopper.GetAsync("/");
        await store.Database.ExecuteAsync(
            "CREATE TRIGGER refuse_views BEFORE INSERT ON nopsegments_events WHEN NEW.name = 'page_viewed' BEGIN SELECT RAISE(ABORT, 'secret table detail'); END;");

        var (status, body, _) = await shopper.TrackAsync("""{"events":[{"name":"page_viewed","properties":{"url":"http://localhost/"}}]}""");
        var server = store.Services.GetRequiredService<ISegmentsTracker>().Track(new StoreEvent(EventNames.PageViewed, "v-durable", DateTimeOffset.UtcNow));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains("could not be stored", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", server.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await store.Services.GetRequiredService<DeadLetters>().CountAsync());
    }
}
