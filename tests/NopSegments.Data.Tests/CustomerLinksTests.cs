using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Profiles;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>A host that deleted customers in bulk (nopCommerce's guest cleanup) leaves no profile naming a customer it lost.</summary>
public sealed class CustomerLinksTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Profiles_of_customers_the_host_lost_become_anonymous_visitors_with_their_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.InstalledAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        var writer = new IngestionWriter(contexts, TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        await writer.WriteAsync(
        [
            new StoreEvent(EventNames.PageViewed, "v-kept", at) { CustomerId = "7" },
            new StoreEvent(EventNames.PageViewed, "v-guest", at) { CustomerId = "8" },
            new StoreEvent(EventNames.PageViewed, "v-guest", at.AddMinutes(1)),
            new StoreEvent(EventNames.PageViewed, "v-anon", at),
        ]);
        var asked = new List<string>();

        var released = await new CustomerLinks(contexts).ReleaseUnknownAsync((ids, _) =>
        {
            asked.AddRange(ids);
            return Task.FromResult<IReadOnlyCollection<string>>([.. ids.Where(id => id == "7")]);
        }, CancellationToken.None);

        Assert.Equal(1, released);
        Assert.Equal(["7", "8"], asked.Order());
        await using (var db = contexts.Create())
        {
            var guest = await db.Identities.Where(i => i.VisitorId == "v-guest").Join(db.Profiles, i => i.ProfileId, p => p.Id, (i, p) => p).SingleAsync();
            Assert.Null(guest.CustomerId);
            Assert.Equal(2, guest.PageViewsCount);
            Assert.Equal(["7"], await db.Profiles.Where(p => p.CustomerId != null).Select(p => p.CustomerId!).ToListAsync());
        }

        // The same visitor coming back is still the same profile; a new customer id for them links to it again.
        await writer.WriteAsync([new StoreEvent(EventNames.PageViewed, "v-guest", at.AddHours(1)) { CustomerId = "31" }]);
        await using (var db = contexts.Create())
        {
            var back = await db.Profiles.SingleAsync(p => p.CustomerId == "31");
            Assert.Equal(3, back.PageViewsCount);
        }
    }
}
