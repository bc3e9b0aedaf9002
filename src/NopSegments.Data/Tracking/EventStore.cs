using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Tracking;

/// <summary>
/// Appends events to <c>nopsegments_events</c> and reads them back for the admin. A plain append for
/// now; the bulk pipeline (prepared batches, binary COPY) replaces the write path.
/// </summary>
internal sealed class EventStore(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    // Stored JSON is data, never written into HTML unencoded, so "&" can stay "&".
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<int> AppendAsync(IReadOnlyList<StoreEvent> events, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var ids = events.Select(e => e.EventId).ToList();
        var known = await db.Events.Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToListAsync(cancellationToken);
        var seen = known.ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events.Where(e => seen.Add(e.EventId)))
        {
            db.Events.Add(new StoredEvent
            {
                EventId = e.EventId,
                Name = e.Name,
                VisitorId = e.VisitorId,
                CustomerId = e.CustomerId,
                SessionId = e.SessionId,
                OccurredAt = e.OccurredAt.UtcDateTime,
                RecordedAt = now,
                Properties = JsonSerializer.Serialize(e.Properties, Json),
            });
        }
        return await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EventRecord>> RecentAsync(EventFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.Events.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.VisitorId))
            query = query.Where(e => e.VisitorId == filter.VisitorId || e.CustomerId == filter.VisitorId);
        if (!string.IsNullOrWhiteSpace(filter.Name))
            query = query.Where(e => e.Name == filter.Name);
        return await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(filter.Limit, 1, 1000))
            .Select(e => new EventRecord(e.Name, e.VisitorId, e.CustomerId, e.SessionId, e.OccurredAt, e.Properties))
            .ToListAsync(cancellationToken);
    }
}
