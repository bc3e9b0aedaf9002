using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Privacy;
using NopSegments.Data.Segments;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>The retention window: old events go, empty anonymous profiles go, and what remains is profiled as if it were all there was.</summary>
public sealed class RetentionPurgeTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoreEvent E(string name, string visitor, double days, string? customer = null, params (string Key, object? Value)[] props) =>
        new(name, visitor, T0.AddDays(days)) { CustomerId = customer, SessionId = $"{visitor}-{days}", Properties = props.ToDictionary(p => p.Key, p => p.Value) };

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Events_older_than_the_window_go_and_the_profiles_that_remain_count_only_what_is_left(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var database = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        await new ModuleLifecycle(contexts).InstallAsync();
        var clock = new FakeTimeProvider(T0.AddDays(60));
        await new SavedSegments(contexts, clock).SaveAsync(new SegmentDraft("big-spenders", "Big spenders", null, "total_spent >= 100"));
        await new IngestionWriter(contexts, clock).WriteAsync(
        [
            E("order_placed", "c1-browser", 0, "c1", ("order_id", "1"), ("value", 100m)),
            E("order_placed", "c1-browser", 45, "c1", ("order_id", "2"), ("value", 20m)),
            E("product_viewed", "c1-browser", 50, "c1", ("sku", "A")),
            E("page_viewed", "anon-old", 0, null, ("url", "https://shop/")),
            E("page_viewed", "anon-mixed", 0, null, ("url", "https://shop/")),
            E("page_viewed", "anon-mixed", 50, null, ("url", "https://shop/")),
        ]);
        Assert.Single(await MembersAsync(contexts));

        var result = await new RetentionPurge(contexts, clock).RunAsync(retentionDays: 30);

        Assert.Equal((3, 1, 2), (result.Events, result.Profiles, result.Refolded));
        await using var db = contexts.Create();
        Assert.Equal(3, await db.Events.CountAsync());
        var customer = await db.Profiles.SingleAsync(p => p.CustomerId == "c1");
        Assert.Equal((1, 20d), (customer.OrdersCount, customer.TotalSpent));
        Assert.Equal(T0.AddDays(45).UtcDateTime, customer.FirstOrderAt);
        Assert.False(await db.Identities.AnyAsync(i => i.VisitorId == "anon-old"));
        var mixed = await db.Identities.Where(i => i.VisitorId == "anon-mixed").Join(db.Profiles, i => i.ProfileId, p => p.Id, (i, p) => p).SingleAsync();
        Assert.Equal((1, 1), (mixed.PageViewsCount, mixed.SessionsCount));
        Assert.Empty(await MembersAsync(contexts));
        Assert.Equal(("left", "time"), await db.SegmentTransitions.OrderBy(t => t.Id).Select(t => new { t.Kind, t.Reason }).AsAsyncEnumerable()
            .Select(t => (t.Kind, t.Reason)).LastAsync());
        Assert.Equal((0, 0, 0), (await new RetentionPurge(contexts, clock).RunAsync(30)) is var again ? (again.Events, again.Profiles, again.Refolded) : default);
    }

    private static async Task<List<long>> MembersAsync(SegmentsDbContextFactory contexts)
    {
        await using var db = contexts.Create();
        return await db.SegmentMembers.Select(m => m.ProfileId).ToListAsync();
    }
}
