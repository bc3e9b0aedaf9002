using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>One day of a segment's history: who entered, who left, and its size at the day's end.</summary>
public sealed record SegmentDay(DateOnly Day, int Entered, int Left, int Size);

/// <summary>How many of a segment's members another saved segment shares.</summary>
public sealed record SegmentOverlap(string Slug, string Name, int Shared, int Members);

/// <summary>
/// What the segment is worth: its members' orders (how many ever ordered, what they spent in all), and its conversion:
/// of the people who entered it since a day, how many ordered after entering — those who left since included, since
/// an order often is what takes a shopper out of a segment ("has a cart", "viewed but did not buy").
/// </summary>
public sealed record SegmentOutcomes(int Members, int Buyers, double Revenue, DateTimeOffset EnteredSince, int Entered, int OrderedAfterEntering)
{
    public double? ConversionRate => Entered == 0 ? null : (double)OrderedAfterEntering / Entered;
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

    /// <summary>
    /// The members' orders, and the conversion of the people who entered since <paramref name="since"/>: each counts
    /// from their first entry in that time, and converted when their latest order is after it.
    /// </summary>
    public async Task<SegmentOutcomes> OutcomesAsync(long segmentId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var members = await (
            from m in db.SegmentMembers.AsNoTracking()
            join p in db.Profiles on m.ProfileId equals p.Id
            where m.SegmentId == segmentId
            group p by 1 into g
            select new { Members = g.Count(), Buyers = g.Count(p => p.OrdersCount > 0), Revenue = g.Sum(p => p.TotalSpent) })
            .FirstOrDefaultAsync(ct);
        var start = since.UtcDateTime;
        var entries =
            from t in db.SegmentTransitions.AsNoTracking()
            where t.SegmentId == segmentId && t.Kind == SegmentTransition.Entered && t.At >= start
            group t by t.ProfileId into g
            select new { ProfileId = g.Key, First = g.Min(t => t.At) };
        var conversion = await (
            from e in entries
            join p in db.Profiles on e.ProfileId equals p.Id
            group new { e, p } by 1 into g
            select new { Entered = g.Count(), Ordered = g.Count(x => x.p.LastOrderAt != null && x.p.LastOrderAt > x.e.First) })
            .FirstOrDefaultAsync(ct);
        return new SegmentOutcomes(members?.Members ?? 0, members?.Buyers ?? 0, members?.Revenue ?? 0, since, conversion?.Entered ?? 0, conversion?.Ordered ?? 0);
    }
}
