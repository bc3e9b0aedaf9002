using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>One member as the CSV export writes it: who, since when, and what a marketing tool filters on.</summary>
public sealed record SegmentMemberExportRow(
    long ProfileId, string? CustomerId, DateTimeOffset Since, int OrdersCount, double TotalSpent, DateTimeOffset? LastSeenAt);

/// <summary>A saved segment's members, a page at a time in profile order, so an export of a million never sits in memory.</summary>
internal sealed class SegmentMemberExport(SegmentsDbContextFactory contexts)
{
    private const int Page = 5_000;

    /// <summary>The saved segment's id, or null when there is none by that slug.</summary>
    public async Task<long?> SegmentIdAsync(string slug, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.Segments.Where(s => s.Slug == slug).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
    }

    public async IAsyncEnumerable<IReadOnlyList<SegmentMemberExportRow>> PagesAsync(
        long segmentId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = 0L;
        while (true)
        {
            await using var db = contexts.Create();
            var rows = await (
                from m in db.SegmentMembers.AsNoTracking()
                join p in db.Profiles on m.ProfileId equals p.Id
                where m.SegmentId == segmentId && m.ProfileId > after
                orderby m.ProfileId
                select new { m.ProfileId, p.CustomerId, m.Since, p.OrdersCount, p.TotalSpent, p.LastSeenAt }).Take(Page).ToListAsync(ct);
            if (rows.Count == 0)
                yield break;
            after = rows[^1].ProfileId;
            yield return [.. rows.Select(r => new SegmentMemberExportRow(r.ProfileId, r.CustomerId, Utc(r.Since), r.OrdersCount, r.TotalSpent,
                r.LastSeenAt is { } seen ? Utc(seen) : null))];
            if (rows.Count < Page)
                yield break;
        }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
