using Microsoft.EntityFrameworkCore;
using Npgsql;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

public sealed class IngestionWriterTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoreEvent E(string name, string visitor, double minutes, string? customer = null, params (string Key, object? Value)[] props) =>
        new(name, visitor, T0.AddMinutes(minutes))
        {
            CustomerId = customer, SessionId = visitor + "-s", Properties = props.ToDictionary(p => p.Key, p => p.Value),
        };

    private static StoreEvent Order(string visitor, double minutes, string customer, string id, decimal value) =>
        E("order_placed", visitor, minutes, customer, ("order_id", id), ("value", value), ("currency", "GBP"), ("country", "Norway"));

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_batch_is_stored_and_folded_into_each_profile(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        var result = await fixture.Writer.WriteAsync(
        [
            E("product_viewed", "v1", 0, null, ("sku", "A"), ("category", "Bags")),
            E("added_to_cart", "v1", 1, null, ("sku", "A"), ("price", 4m), ("quantity", 2)),
            Order("c9", 0, "9", "1001", 30m),
            Order("c9", 60, "9", "1002", 10m),
        ]);

        Assert.Equal((4, 0, 2, 0), (result.Stored, result.Duplicates, result.Profiles, result.Merges));
        // An order may end a campaign for its person, a cart change moves their cart's value: the offers forget what they held.
        Assert.Equal(["c9", "v1"], result.ChangedVisitors.Order());
        var anonymous = await fixture.ProfileOfVisitorAsync("v1");
        Assert.Equal((null, 1, 2, 8.0, 0), (anonymous.CustomerId, anonymous.PageViewsCount, anonymous.CartItemsCount, anonymous.CartValue, anonymous.OrdersCount));
        var customer = await fixture.ProfileOfCustomerAsync("9");
        Assert.Equal((2, 40.0, 20.0, "Norway"), (customer.OrdersCount, customer.TotalSpent, customer.AverageOrderValue, customer.Country));
        Assert.Equal(T0.AddMinutes(60).UtcDateTime, customer.LastOrderAt);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_retried_event_is_stored_and_counted_once(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var order = Order("c9", 0, "9", "1001", 30m);

        await fixture.Writer.WriteAsync([order, order]);
        var retry = await fixture.Writer.WriteAsync([order]);

        Assert.Equal((0, 1), (retry.Stored, retry.Duplicates));
        Assert.Equal((1, 30.0), ((await fixture.ProfileOfCustomerAsync("9")).OrdersCount, (await fixture.ProfileOfCustomerAsync("9")).TotalSpent));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Stored_events_read_back_exactly_and_match_times_and_ids_queried_through_EF_Core(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        // Whole seconds, a fraction with trailing zeros, and ticks: SQLite keeps times as text, so the writer must write
        // the same text EF Core's parameters compare with.
        var times = new[] { T0, T0.AddMilliseconds(250), T0.AddTicks(1_234_567) };
        var events = times.Select((at, i) => new StoreEvent("page_viewed", "v1", at)
        {
            SessionId = "s-1", Properties = new Dictionary<string, object?> { ["title"] = $"Zürich \"café\" ✓ <{i}> & more", ["url"] = "/p?a=1&b=2" },
        }).ToList();

        await fixture.Writer.WriteAsync(events);

        foreach (var e in events)
        {
            var stored = await fixture.Db.Events.AsNoTracking().SingleAsync(s => s.EventId == e.EventId && s.OccurredAt == e.OccurredAt.UtcDateTime);
            Assert.Equal(e.Properties["title"], System.Text.Json.JsonDocument.Parse(stored.Properties).RootElement.GetProperty("title").GetString());
            Assert.Contains("/p?a=1&b=2", stored.Properties, StringComparison.Ordinal);
        }
        Assert.Equal(2, await fixture.Db.Events.CountAsync(s => s.OccurredAt > T0.UtcDateTime));
        // Every row of the batch carries the batch's recording time.
        var recorded = await fixture.Db.Events.Select(s => s.RecordedAt).Distinct().ToListAsync();
        Assert.Single(recorded);
        Assert.True(recorded[0] > T0.UtcDateTime);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_first_login_makes_the_anonymous_profile_the_customers(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        await fixture.Writer.WriteAsync([E("product_viewed", "v1", 0, null, ("sku", "A"))]);
        var anonymous = await fixture.ProfileOfVisitorAsync("v1");

        await fixture.Writer.WriteAsync([E("signed_up", "v1", 5, "42")]);

        var customer = await fixture.ProfileOfCustomerAsync("42");
        Assert.Equal(anonymous.Id, customer.Id);
        Assert.Equal(1, customer.PageViewsCount);
        Assert.Equal(1, await fixture.CountAsync<StoredProfile>());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Logging_in_on_a_second_device_merges_its_history_without_doubling(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        await fixture.Writer.WriteAsync([E("logged_in", "laptop", 0, "42"), Order("laptop", 1, "42", "1", 50m)]);
        await fixture.Writer.WriteAsync(
        [
            E("product_viewed", "phone", 10, null, ("sku", "B"), ("category", "Candles")),
            E("added_to_cart", "phone", 11, null, ("sku", "B"), ("price", 3m), ("quantity", 1)),
            E("logged_in", "phone", 12, "42"),
        ]);
        await fixture.Writer.WriteAsync([E("product_viewed", "phone", 20, null, ("sku", "C"))]);

        var customer = await fixture.ProfileOfCustomerAsync("42");
        Assert.Equal(1, await fixture.CountAsync<StoredProfile>());
        Assert.Equal(1, await fixture.CountAsync<StoredProfileState>()); // the merged-away profile's state went with it
        Assert.Equal((1, 50.0, 2, 1, 2), (customer.OrdersCount, customer.TotalSpent, customer.PageViewsCount, customer.CartItemsCount, customer.SessionsCount));
        Assert.Equal(customer.Id, (await fixture.ProfileOfVisitorAsync("phone")).Id);
        var merge = Assert.Single(await fixture.Db.ProfileMerges.ToListAsync());
        Assert.Equal(("phone", "42", customer.Id), (merge.VisitorId, merge.CustomerId, merge.IntoProfileId));
        Assert.Equal(6, await fixture.Db.Events.CountAsync(e => e.ProfileId == customer.Id));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_late_event_is_folded_in_time_order(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        await fixture.Writer.WriteAsync([E("added_to_cart", "c9", 10, "9", ("sku", "A"), ("price", 2m), ("quantity", 1))]);

        // The order happened before the cart add but arrives after it: the cart must survive.
        await fixture.Writer.WriteAsync([Order("c9", 5, "9", "7", 12m)]);

        var customer = await fixture.ProfileOfCustomerAsync("9");
        Assert.Equal((1, 1, 12.0), (customer.CartItemsCount, customer.OrdersCount, customer.TotalSpent));
        Assert.Equal(T0.AddMinutes(10).UtcDateTime, customer.LastSeenAt);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_retry_whose_time_span_holds_many_stored_events_is_counted_once(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var first = Order("c9", 0, "9", "0", 1m);
        await fixture.Writer.WriteAsync([first, .. Enumerable.Range(1, 149).Select(i => Order("c9", i, "9", $"{i}", 1m))]);

        // More stored events lie between this batch's first and last moment than the batch could match.
        var result = await fixture.Writer.WriteAsync([first, Order("c9", 200, "9", "200", 1m)]);

        Assert.Equal((1, 1), (result.Stored, result.Duplicates));
        Assert.Equal(151, await fixture.Db.Events.CountAsync());
        Assert.Equal(151, (await fixture.ProfileOfCustomerAsync("9")).OrdersCount);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_large_batch_with_stored_events_scattered_through_it_stores_and_counts_only_the_new_ones(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var views = Enumerable.Range(0, 100).Select(i => E("page_viewed", "v1", i, null, ("url", $"http://shop.example/{i}"))).ToList();
        await fixture.Writer.WriteAsync([.. views.Where((_, i) => i % 3 == 0)]);

        // Every run of SQLite's many-row insert holds some stored events and some new ones.
        var result = await fixture.Writer.WriteAsync(views);
        var again = await fixture.Writer.WriteAsync(views);

        Assert.Equal((66, 34), (result.Stored, result.Duplicates));
        Assert.Equal((0, 100), (again.Stored, again.Duplicates));
        Assert.Equal(100, await fixture.Db.Events.CountAsync());
        Assert.Equal(100, (await fixture.ProfileOfVisitorAsync("v1")).PageViewsCount);
        Assert.Equal(views.Select(v => v.EventId).Order(), (await fixture.Db.Events.Select(e => e.EventId).ToListAsync()).Order());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_buffered_batch_is_stored_and_the_next_batch_on_that_connection_waits_for_disk_again(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        var result = await fixture.Writer.WriteAsync([Order("c9", 0, "9", "1", 10m)], BatchCommit.Buffered);

        Assert.Equal(1, result.Stored);
        Assert.Equal(1, (await fixture.ProfileOfCustomerAsync("9")).OrdersCount);
        if (provider != DatabaseProvider.PostgreSql)
            return;
        // The setting is the transaction's alone: the pooled connection's next user waits for the disk again.
        await using var connection = SqlDialect.For(provider).Open(fixture.ConnectionString);
        await using var show = connection.CreateCommand();
        show.CommandText = "SHOW synchronous_commit";
        Assert.Equal("on", await show.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_writer_that_never_pauses_still_starts_the_SQLite_WAL_over()
    {
        await using var fixture = await Fixture.CreateAsync(DatabaseProvider.Sqlite);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(fixture.ConnectionString).DataSource;
        // The store's limits scaled down: a checkpoint every 100 ms, and a WAL of over 1 MB is one that fell behind.
        var writer = fixture.WriterOn(new SqliteDialect(TimeSpan.FromMilliseconds(100), longWalPages: 256));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var written = 0;
        long Size(string path) => new FileInfo(path) is { Exists: true } f ? f.Length : 0;

        // Batch after batch with no pause between them, as on a busy store. Checkpoints beside the writer never empty the
        // WAL then, and without the writer's own it grew as fast as the database: it must start over and stay small.
        while (written < 20_000 || (Size(file + "-wal") * 3 > Size(file) && clock.Elapsed < TimeSpan.FromSeconds(10)))
        {
            await writer.WriteAsync([.. Enumerable.Range(written, 1000).Select(i => E("page_viewed", "v1", i / 1000.0, null,
                ("url", $"https://shop.example/product/{i}"), ("path", $"/product/{i}"), ("title", "White Metal Lantern")))]);
            written += 1000;
        }

        Assert.True(Size(file + "-wal") * 3 < Size(file), $"after {written:N0} events the WAL is {Size(file + "-wal"):N0} bytes, the database {Size(file):N0}");
        Assert.Equal(written, (await fixture.ProfileOfVisitorAsync("v1")).PageViewsCount);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1_100)] // more than one block of row ids (EventIdBlocks), which the second try must reuse
    public async Task An_event_another_writer_stores_at_the_same_moment_is_counted_once_on_PostgreSQL(int views)
    {
        await using var fixture = await Fixture.CreateAsync(DatabaseProvider.PostgreSql);
        await fixture.Writer.WriteAsync([Order("c9", 0, "9", "1", 10m)]);
        var profile = await fixture.ProfileOfCustomerAsync("9");
        var order = Order("c9", 5, "9", "2", 30m);

        // Another writer (another web node) stores the same order and has not committed yet: ours sees no such
        // event, starts copying, waits on the other's unique key, and must then skip the order rather than fail.
        await using var other = new NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO nopsegments_events (event_id, name, visitor_id, profile_id, occurred_at, recorded_at, properties) " +
            "VALUES (@id, 'order_placed', 'c9', @profile, @at, now(), '{}')", other, otherTx))
        {
            insert.Parameters.AddWithValue("id", order.EventId);
            insert.Parameters.AddWithValue("profile", profile.Id);
            insert.Parameters.AddWithValue("at", order.OccurredAt.UtcDateTime);
            await insert.ExecuteNonQueryAsync();
        }
        var writing = fixture.Writer.WriteAsync([order, Order("c9", 6, "9", "3", 5m), .. Enumerable.Range(0, views).Select(i => E("page_viewed", "c9", 7 + i / 1000.0))]);
        await WaitUntilBlockedAsync(fixture.ConnectionString);
        await otherTx.CommitAsync();
        var result = await writing;

        Assert.Equal((1 + views, 1), (result.Stored, result.Duplicates));
        Assert.Equal(3 + views, await fixture.Db.Events.CountAsync());
        Assert.Equal(3 + views, await fixture.Db.Events.Select(e => e.Id).Distinct().CountAsync());
        // The other writer folds its own order; ours folded only the one it stored.
        Assert.Equal((2, 15.0), ((await fixture.ProfileOfCustomerAsync("9")).OrdersCount, (await fixture.ProfileOfCustomerAsync("9")).TotalSpent));
    }

    private static async Task WaitUntilBlockedAsync(string connectionString)
    {
        await using var monitor = new NpgsqlConnection(connectionString);
        await monitor.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", monitor);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
                return;
            await Task.Delay(50);
        }
        Assert.Fail("The writer never waited on the other writer's uncommitted event.");
    }

    public static TheoryData<DatabaseProvider, string, string> PropertyColumns => new()
    {
        { DatabaseProvider.Sqlite, "product_viewed", "category" }, { DatabaseProvider.PostgreSql, "product_viewed", "category" },
        { DatabaseProvider.Sqlite, "added_to_cart", "sku" }, { DatabaseProvider.PostgreSql, "added_to_cart", "sku" },
        { DatabaseProvider.Sqlite, "order_placed", "discount_code" }, { DatabaseProvider.PostgreSql, "order_placed", "discount_code" },
        { DatabaseProvider.Sqlite, "page_viewed", "source" }, { DatabaseProvider.PostgreSql, "page_viewed", "source" },
    };

    [SkippableTheory, MemberData(nameof(PropertyColumns))]
    public async Task A_property_kept_in_its_own_column_compares_like_the_json_and_a_value_too_long_for_it_is_kept(
        DatabaseProvider provider, string eventName, string property)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        // Valid text goes up to 1,000 characters; the typed column keeps 200. Multi-byte letters test the index's bytes.
        var long1 = new string('x', 300);
        var long2 = string.Concat(Enumerable.Repeat("é字", 400));
        await fixture.Writer.WriteAsync(
        [
            E(eventName, "v1", 1, null, (property, long1)),
            E(eventName, "v2", 2, null, (property, long2)),
            E(eventName, "v3", 3, null, (property, "Candles")),
            E(eventName, "v4", 4, null, (property, "ÉTÉ-Sale")),
            E(eventName, "v5", 5, null),
        ]);
        var segments = new SetBasedSegments(fixture.Contexts);
        async Task<long> Count(string condition) => await segments.CountAsync(SegmentQuery.Parse($"{eventName}({condition})"), T0.AddHours(1));

        Assert.Equal(5, await fixture.CountAsync<Tracking.StoredEvent>());
        Assert.Equal(0, await fixture.CountAsync<Tracking.DeadLetter>());
        Assert.Equal(1, await Count($"{property} = \"{long1.ToUpperInvariant()}\""));
        Assert.Equal(1, await Count($"{property} IN (\"{long2}\", \"nothing\")"));
        Assert.Equal(1, await Count($"{property} = \"CANDLES\""));
        Assert.Equal(2, await Count($"{property} IN (\"candles\", \"été-sale\")"));
        Assert.Equal(3, await Count($"{property} != \"candles\""));
        Assert.Equal(1, await Count($"{property} IS NULL"));
        Assert.Equal(3, await Count($"{property} NOT IN (\"Candles\")"));
        // The column holds the value lower-cased, and nothing too long for it (that stays in the JSON, read above).
        var kept = await fixture.Db.Events.Select(e => property == "category" ? e.Category : property == "sku" ? e.Sku
            : property == "discount_code" ? e.DiscountCode : e.Source).Where(v => v != null).OrderBy(v => v).ToListAsync();
        Assert.Equal(["candles", "été-sale"], kept);
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private readonly TestDatabase database;
        private readonly SegmentsDbContextFactory contexts;

        private Fixture(TestDatabase database, SegmentsDbContextFactory contexts)
        {
            this.database = database;
            this.contexts = contexts;
            Writer = new IngestionWriter(contexts, TimeProvider.System);
            Db = contexts.Create();
        }

        public IngestionWriter Writer { get; }

        public string ConnectionString => database.ConnectionString;
        public SegmentsDbContext Db { get; }

        public SegmentsDbContextFactory Contexts => contexts;

        public IngestionWriter WriterOn(SqlDialect dialect) => new(contexts, TimeProvider.System, dialect);

        public static async Task<Fixture> CreateAsync(DatabaseProvider provider)
        {
            TestDatabase.SkipUnlessAvailable(provider);
            var database = await TestDatabase.CreateAsync(provider);
            var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
            await new ModuleLifecycle(contexts).InstallAsync();
            return new Fixture(database, contexts);
        }

        public Task<StoredProfile> ProfileOfCustomerAsync(string customer) =>
            Db.Profiles.AsNoTracking().SingleAsync(p => p.CustomerId == customer);

        public async Task<StoredProfile> ProfileOfVisitorAsync(string visitor)
        {
            var identity = await Db.Identities.AsNoTracking().SingleAsync(i => i.VisitorId == visitor);
            return await Db.Profiles.AsNoTracking().SingleAsync(p => p.Id == identity.ProfileId);
        }

        public Task<int> CountAsync<T>() where T : class => Db.Set<T>().CountAsync();

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
