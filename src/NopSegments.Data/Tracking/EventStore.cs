using Microsoft.EntityFrameworkCore;

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
        if (!string.IsNullOrWhiteSpace(filter.Name))
            query = query.Where(e => e.Name == filter.Name);
        return await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(filter.Limit, 1, 1000))
            .Select(e => new EventRecord(e.Name, e.VisitorId, e.CustomerId, e.SessionId, e.OccurredAt, e.Properties) { ProfileId = e.ProfileId })
            .ToListAsync(cancellationToken);
    }
}
