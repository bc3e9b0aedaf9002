using System.Data.Common;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// The membership inputs of a batch's stored profiles, read in the writer's first round trip beside its profile
/// directory instead of in a round trip of their own after the events are stored: on a server a round trip's p99 is
/// about a millisecond here, the whole budget of per-event membership. The batch's own new events are added afterwards
/// in memory, in the form and order a read after the insert would return them.
/// What another writer commits between this read and the evaluation is not seen; a read after the insert misses what
/// is committed after it in the same way.
/// </summary>
internal sealed class MembershipReadAhead
{
    private readonly DateTime upTo;

    private MembershipReadAhead(CountedEvents counted, DateTime upTo)
    {
        Counted = counted;
        this.upTo = upTo;
    }

    /// <summary>What was read of each profile's events.</summary>
    public CountedEvents Counted { get; }

    /// <summary>Each profile read (and, once <see cref="Complete"/>d, each new one) with the batch's events added.</summary>
    public Dictionary<long, MembershipInputs> Profiles { get; private set; } = [];

    /// <summary>What the segments these event names can move need read; null when they move none.</summary>
    public static MembershipReadAhead? Plan(IReadOnlyList<LiveSegment> segments, HashSet<string> eventNames, DateTimeOffset now)
    {
        var moved = segments.Where(s => s.MovedBy(eventNames)).ToList();
        return moved.Count == 0 ? null : new MembershipReadAhead(CountedEvents.Of(moved, now), now.UtcDateTime);
    }

    /// <summary>The statements reading the profiles whose id <paramref name="profiles"/> (a subquery) selects.</summary>
    public string Queries(SqlDialect sql, string profiles) =>
        MembershipInputs.Queries(sql, column => $"{column} IN ({profiles})", withState: false, withEvents: Counted.Since is not null);

    public void Bind(DbCommand command, SqlDialect sql)
    {
        if (Counted.Since is { } since)
            MembershipInputs.BindEvents(command, sql, upTo, since, Counted.Names);
    }

    /// <summary>Reads the result sets of <see cref="Queries"/>, the reader on the first of them.</summary>
    public async Task ReadAsync(DbDataReader reader, CancellationToken ct) =>
        Profiles = await MembershipInputs.ReadAsync(reader, Counted.Since is not null, ct);

    /// <summary>
    /// Adds the batch's new profiles (nothing stored) and the events it stored, and forgets the profiles whose stored
    /// inputs it changed otherwise (a merge brings a whole history), so those are read again.
    /// </summary>
    public void Complete(IEnumerable<long> newProfiles, IReadOnlyList<EventRow> stored, IReadOnlySet<long> merged, SqlDialect sql, DateTimeOffset now)
    {
        foreach (var id in newProfiles)
            Profiles.TryAdd(id, MembershipInputs.Empty());
        foreach (var id in merged)
            Profiles.Remove(id);
        if (Counted.Since is not { } since)
            return;
        foreach (var row in stored)
        {
            var at = sql.AsStored(row.Event.OccurredAt);
            if (at < since || at > now.UtcDateTime || !Counted.Names.Contains(row.Event.Name) || !Profiles.TryGetValue(row.ProfileId, out var profile))
                continue;
            var e = row.Event;
            // Stored after everything read, so after every event of the same instant: the upper bound keeps fold order.
            Insert(profile.Events, new StoreEvent(e.Name, e.VisitorId, new DateTimeOffset(at))
            {
                EventId = e.EventId,
                CustomerId = e.CustomerId,
                SessionId = e.SessionId,
                Properties = StoredEventReader.Properties(row.PropertiesJson),
            });
        }
    }

    private static void Insert(List<StoreEvent> events, StoreEvent e)
    {
        var index = events.Count;
        while (index > 0 && events[index - 1].OccurredAt > e.OccurredAt)
            index--;
        events.Insert(index, e);
    }
}
