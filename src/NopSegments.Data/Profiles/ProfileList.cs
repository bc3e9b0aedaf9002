using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Profiles;

/// <summary>The admin's searchable profile list: newest activity first; search by customer id, visitor id or country.</summary>
internal sealed class ProfileList(SegmentsDbContextFactory contexts)
{
    public const int PageSize = 50;

    /// <summary>
    /// A page of the profiles that match, newest activity first, below <paramref name="after"/> (the last row of the page
    /// before): a seek in the last-seen index however deep the page. Profiles without an event yet are not listed.
    /// </summary>
    public async Task<(IReadOnlyList<ProfileSummary> Page, int Total)> SearchAsync(string? search, PageCursor? after, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var query = db.Profiles.AsNoTracking().Where(p => p.LastSeenAt != null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var byVisitor = db.Identities.Where(i => i.VisitorId == term).Select(i => i.ProfileId);
            query = query.Where(p => p.CustomerId == term || byVisitor.Contains(p.Id) || p.Country == term);
        }
        var total = await query.CountAsync(ct);
        if (after is { } cursor)
        {
            var (at, id) = (cursor.At, cursor.Id);
            // The first condition alone bounds the index range; the second drops the rows of the cursor's own time already shown.
            query = query.Where(p => p.LastSeenAt <= at && (p.LastSeenAt < at || p.Id < id));
        }
        var rows = await query.OrderByDescending(p => p.LastSeenAt).ThenByDescending(p => p.Id)
            .Take(PageSize)
            .Select(p => new ProfileSummary(p.Id, p.CustomerId, p.OrdersCount, p.TotalSpent, p.LastSeenAt, p.Country,
                p.SessionsCount, p.LastSource, p.Device, p.CartItemsCount))
            .ToListAsync(ct);
        return (rows, total);
    }

    public async Task<IReadOnlyList<string>> VisitorsAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.Identities.AsNoTracking().Where(i => i.ProfileId == profileId)
            .OrderBy(i => i.CreatedAt).Select(i => i.VisitorId).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<(string Visitor, DateTime At)>> MergesAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var merges = await db.ProfileMerges.AsNoTracking().Where(m => m.IntoProfileId == profileId)
            .OrderBy(m => m.MergedAt).Select(m => new { m.VisitorId, m.MergedAt }).ToListAsync(ct);
        return [.. merges.Select(m => (m.VisitorId, m.MergedAt))];
    }
}
