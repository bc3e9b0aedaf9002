using NopSegments.Tracking;
using Xunit;

namespace NopSegments.Core.Tests;

public sealed class EventIdTests
{
    [Fact]
    public void New_ids_are_random_uuids_that_do_not_repeat()
    {
        var ids = new HashSet<Guid>();
        Parallel.For(0, 200_000, _ =>
        {
            var id = EventIds.New();
            lock (ids)
                Assert.True(ids.Add(id), $"{id} came twice");
        });
        Assert.All(ids.Take(100), id => Assert.Equal(4, id.Version));
        // RFC 9562 variant: the first hex digit of the fourth group is 8, 9, a or b.
        Assert.All(ids.Take(100), id => Assert.Contains(id.ToString("D")[19], "89ab"));
    }

    [Fact]
    public void Named_ids_are_the_same_for_the_same_name()
    {
        Assert.Equal(EventIds.From("online-retail:536365:line 3"), EventIds.From("online-retail:536365:line 3"));
        Assert.NotEqual(EventIds.From("online-retail:536365:line 3"), EventIds.From("online-retail:536365:line 4"));
        Assert.Equal(8, EventIds.From("x").Version);
    }

    [Fact]
    public void A_store_event_gets_a_new_id_unless_the_host_gives_one()
    {
        var first = new StoreEvent(EventNames.PageViewed, "v1", DateTimeOffset.UnixEpoch);
        var second = new StoreEvent(EventNames.PageViewed, "v1", DateTimeOffset.UnixEpoch);
        Assert.NotEqual(first.EventId, second.EventId);
        var given = EventIds.From("order:1");
        Assert.Equal(given, (first with { EventId = given }).EventId);
    }
}
