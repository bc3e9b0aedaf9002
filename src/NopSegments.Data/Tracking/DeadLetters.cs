using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Tracking;

/// <summary>Events the database refused one by one: kept with their reason, listed, retried or discarded by an admin.</summary>
internal sealed class DeadLetters(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Keeps the event with why it was refused; a retried event that fails again counts one more attempt.</summary>
    public async Task KeepAsync(StoreEvent e, string reason, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var row = await db.DeadLetters.FirstOrDefaultAsync(d => d.EventId == e.EventId, ct);
        if (row is null)
        {
            row = new DeadLetter
            {
                EventId = e.EventId, Name = e.Name, VisitorId = e.VisitorId, CustomerId = e.CustomerId,
                OccurredAt = e.OccurredAt.UtcDateTime, Reason = "", Event = DeadLetterJson.Write(e),
            };
            db.DeadLetters.Add(row);
        }
        row.Attempts++;
        row.FailedAt = clock.GetUtcNow().UtcDateTime;
        row.Reason = reason.Length > 2000 ? reason[..2000] : reason;
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.DeadLetters.CountAsync(ct);
    }

    public async Task<IReadOnlyList<DeadLetter>> NewestAsync(int limit, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.DeadLetters.AsNoTracking().OrderByDescending(d => d.FailedAt).ThenByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>The kept events with these ids (all when none are named), to try again.</summary>
    public async Task<IReadOnlyList<(long Id, StoreEvent Event)>> EventsAsync(IReadOnlyCollection<long>? ids, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var rows = db.DeadLetters.AsNoTracking();
        if (ids is not null)
            rows = rows.Where(d => ids.Contains(d.Id));
        var kept = await rows.OrderBy(d => d.Id).Select(d => new { d.Id, d.Event }).ToListAsync(ct);
        return [.. kept.Select(k => (k.Id, DeadLetterJson.Read(k.Event)))];
    }

    /// <summary>Drops these kept events (all when none are named); returns how many went.</summary>
    public async Task<int> DiscardAsync(IReadOnlyCollection<long>? ids, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var rows = db.DeadLetters.AsQueryable();
        if (ids is not null)
            rows = rows.Where(d => ids.Contains(d.Id));
        return await rows.ExecuteDeleteAsync(ct);
    }
}
