using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Tracking;

/// <summary>
/// Reads stored events back for the admin; <see cref="Ingestion.IngestionWriter"/> writes them.
/// </summary>
internal sealed class EventStore(SegmentsDbContextFactory contexts)
{
    public async Task<IReadOnlyList<EventRecord>> RecentAsync(EventFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.Events.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.VisitorId))
        {
            // A visitor or customer id means its whole profile: merged devices and history included.
            var profiles = db.Identities.Where(i => i.VisitorId == filter.VisitorId).Select(i => i.ProfileId)
                .Union(db.Profiles.Where(p => p.CustomerId == filter.VisitorId).Select(p => p.Id));
            query = query.Where(e => e.ProfileId != null && profiles.Contains(e.ProfileId.Value));
        }
        if (filter.ProfileId is { } profile)
            query = query.Where(e => e.ProfileId == profile);
        var limit = Math.Clamp(filter.Limit, 1, 1000);
        if (!string.IsNullOrWhiteSpace(filter.Name))
            query = Older(query.Where(e => e.Name == filter.Name), filter.Before);
        else if (string.IsNullOrWhiteSpace(filter.VisitorId) && filter.ProfileId is null)
            query = NewestOfEachName(db, limit, filter.Before);
        else
            query = Older(query, filter.Before);
        return await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(limit)
            .Select(e => new EventRecord(e.Name, e.VisitorId, e.CustomerId, e.SessionId, e.OccurredAt, e.Properties) { ProfileId = e.ProfileId, Id = e.Id })
            .ToListAsync(cancellationToken);
    }

    // PostgreSQL keys events by name first and has no index on time alone: the newest of the whole store are the
    // newest of each name's newest, one short index range per name, instead of sorting every stored event.
    private static IQueryable<StoredEvent> NewestOfEachName(SegmentsDbContext db, int limit, PageCursor? before) =>
        EventCatalog.Events.Keys
            .Select(name => Older(db.Events.AsNoTracking().Where(e => e.Name == name), before)
                .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(limit))
            .Aggregate(Queryable.Concat);

    private static IQueryable<StoredEvent> Older(IQueryable<StoredEvent> events, PageCursor? before)
    {
        if (before is not { } cursor)
            return events;
        var (at, id) = (cursor.At, cursor.Id);
        // The first condition alone bounds the index range; the second drops the rows of the cursor's own time already shown.
        return events.Where(e => e.OccurredAt <= at && (e.OccurredAt < at || e.Id < id));
    }
}
