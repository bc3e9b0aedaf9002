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
    private readonly SqlDialect.KeyList visitors;
    private readonly SqlDialect.KeyList customers;

    private MembershipReadAhead(CountedEvents counted, DateTime upTo, SqlDialect.KeyList visitors, SqlDialect.KeyList customers)
    {
        Counted = counted;
        this.upTo = upTo;
        this.visitors = visitors;
        this.customers = customers;
    }

    /// <summary>What was read of each profile's events.</summary>
    public CountedEvents Counted { get; }

    /// <summary>Each profile read (and, once <see cref="Complete"/>d, each new one) with the batch's events added.</summary>
    public Dictionary<long, MembershipInputs> Profiles { get; private set; } = [];

    /// <summary>
    /// What the segments the batch's events can move need read, of the profiles of the visitors and customers whose
    /// events can move one (the others are not evaluated); null when no event moves any.
    /// </summary>
    public static MembershipReadAhead? Plan(SqlDialect sql, IReadOnlyList<LiveSegment> segments, IReadOnlyList<StoreEvent> batch, DateTimeOffset now)
    {
        var moving = new HashSet<string>(StringComparer.Ordinal);
        var moved = new Dictionary<long, LiveSegment>();
        foreach (var name in batch.Select(e => e.Name).Distinct(StringComparer.Ordinal))
        {
            foreach (var segment in segments.Where(s => s.MovedBy(name)))
            {
                moving.Add(name);
                moved[segment.Id] = segment;
            }
        }
        if (moved.Count == 0)
            return null;
        var events = batch.Where(e => moving.Contains(e.Name)).ToList();
        return new MembershipReadAhead(CountedEvents.Of(moved.Values, now), now.UtcDateTime,
            sql.Keys("visitor_id", "@ahead_visitors", events.Select(e => e.VisitorId).Distinct().ToList()),
            sql.Keys("customer_id", "@ahead_customers", events.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!).Distinct().ToList()));
    }

    /// <summary>The statements that read those profiles' inputs.</summary>
    public string Queries(SqlDialect sql)
    {
        var profiles = $"SELECT id FROM nopsegments_profiles WHERE {customers.Condition} " +
            $"UNION SELECT profile_id FROM nopsegments_identities WHERE {visitors.Condition}";
        return MembershipInputs.Queries(sql, column => $"{column} IN ({profiles})", withState: false, withEvents: Counted.Since is not null);
    }

    public void Bind(DbCommand command, SqlDialect sql)
    {
        visitors.Bind(command);
        customers.Bind(command);
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
