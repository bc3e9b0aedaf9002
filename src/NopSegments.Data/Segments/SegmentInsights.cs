using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>One day of a segment's history: who entered, who left, and its size at the day's end.</summary>
public sealed record SegmentDay(DateOnly Day, int Entered, int Left, int Size);

/// <summary>How many of a segment's members another saved segment shares.</summary>
public sealed record SegmentOverlap(string Slug, string Name, int Shared, int Members);

/// <summary>
/// What the members are worth: how many ever ordered, how many ordered since they entered (the segment's conversion),
/// and what they spent in all.
/// </summary>
public sealed record SegmentOutcomes(int Members, int Buyers, int OrderedSinceEntering, double Revenue)
{
    public double? ConversionRate => Members == 0 ? null : (double)OrderedSinceEntering / Members;
    public double? RevenuePerMember => Members == 0 ? null : Revenue / Members;
}

/// <summary>A saved segment's size over time, overlap with the others and its members' orders, for its admin page.</summary>
internal sealed class SegmentInsights(SegmentsDbContextFactory contexts)
{
    /// <summary>
    /// The last <paramref name="days"/> days up to <paramref name="now"/>, oldest first. Sizes count back from today's
    /// members, so a log trimmed by retention still ends at the true size.
    /// </summary>
    public async Task<IReadOnlyList<SegmentDay>> DaysAsync(long segmentId, int days, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = contexts.Create();
        var moves = await db.SegmentTransitions.AsNoTracking()
            .Where(t => t.SegmentId == segmentId && t.At >= from)
            .GroupBy(t => new { t.At.Date, t.Kind })
            .Select(g => new { g.Key.Date, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        var size = await db.SegmentMembers.CountAsync(m => m.SegmentId == segmentId, ct);
        int On(DateOnly day, string kind) =>
            moves.Where(m => DateOnly.FromDateTime(m.Date) == day && m.Kind == kind).Sum(m => m.Count);
        var history = new List<SegmentDay>(days);
        for (var day = today; history.Count < days; day = day.AddDays(-1))
        {
            var (entered, left) = (On(day, SegmentTransition.Entered), On(day, SegmentTransition.Left));
            history.Add(new SegmentDay(day, entered, left, size));
            size = Math.Max(0, size - entered + left);
        }
        history.Reverse();
        return history;
    }

    /// <summary>Every other saved segment with the members it shares with this one, most shared first.</summary>
    public async Task<IReadOnlyList<SegmentOverlap>> OverlapAsync(long segmentId, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var shared = await (
            from mine in db.SegmentMembers.AsNoTracking()
            join other in db.SegmentMembers on mine.ProfileId equals other.ProfileId
            where mine.SegmentId == segmentId && other.SegmentId != segmentId
            group other by other.SegmentId into g
            select new { SegmentId = g.Key, Shared = g.Count() }).ToDictionaryAsync(g => g.SegmentId, g => g.Shared, ct);
        var others = await db.Segments.AsNoTracking().Where(s => s.Id != segmentId)
            .Select(s => new { s.Id, s.Slug, s.Name, Members = db.SegmentMembers.Count(m => m.SegmentId == s.Id) })
            .ToListAsync(ct);
        return [.. others.Select(o => new SegmentOverlap(o.Slug, o.Name, shared.GetValueOrDefault(o.Id), o.Members))
            .OrderByDescending(o => o.Shared).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    public async Task<SegmentOutcomes> OutcomesAsync(long segmentId, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var totals = await (
            from m in db.SegmentMembers.AsNoTracking()
            join p in db.Profiles on m.ProfileId equals p.Id
            where m.SegmentId == segmentId
            group new { m, p } by 1 into g
            select new
            {
                Members = g.Count(),
                Buyers = g.Count(x => x.p.OrdersCount > 0),
                Since = g.Count(x => x.p.LastOrderAt != null && x.p.LastOrderAt >= x.m.Since),
                Revenue = g.Sum(x => x.p.TotalSpent),
            }).FirstOrDefaultAsync(ct);
        return totals is null ? new SegmentOutcomes(0, 0, 0, 0) : new SegmentOutcomes(totals.Members, totals.Buyers, totals.Since, totals.Revenue);
    }
}
