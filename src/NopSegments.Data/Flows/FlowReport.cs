using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Flows;

/// <summary>Counts a flow's entries and sends for its page.</summary>
internal sealed class FlowReport(SegmentsDbContextFactory contexts)
{
    public const int ChartDays = 30;

    public async Task<FlowStats> StatsAsync(string flow, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var states = await db.FlowEntries.AsNoTracking().Where(e => e.Flow == flow).GroupBy(e => new { e.Status, e.ExitReason, e.NextStep })
            .Select(g => new { g.Key.Status, g.Key.ExitReason, g.Key.NextStep, Count = g.Count() }).ToListAsync(ct);
        var steps = await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow).GroupBy(s => new { s.Step, s.Status })
            .Select(g => new
            {
                g.Key.Step, g.Key.Status, Count = g.Count(), Opened = g.Count(s => s.OpenedAt != null), Clicked = g.Count(s => s.ClickedAt != null),
                Converted = g.Count(s => s.OrderId != null),
            }).ToListAsync(ct);
        // Money is summed here: SQLite keeps decimals as text. Only credited sends are read.
        var revenue = (await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow && s.Revenue != null).Select(s => new { s.Step, s.Revenue }).ToListAsync(ct))
            .GroupBy(s => s.Step).ToDictionary(g => g.Key, g => g.Sum(s => s.Revenue!.Value));
        var from = now.Date.AddDays(1 - ChartDays);
        var recentSends = await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow && s.SentAt >= from && s.Status == FlowSend.Sent)
            .Select(s => new { s.SentAt, s.OpenedAt, s.ClickedAt, s.ConvertedAt }).ToListAsync(ct);
        var recent = await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow).OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id)
            .Take(20).ToListAsync(ct);
        int Count(string status) => states.Where(s => s.Status == status).Sum(s => s.Count);
        int Day<T>(IEnumerable<T> items, Func<T, DateTime?> at, DateOnly day) => items.Count(i => at(i) is { } t && DateOnly.FromDateTime(t) == day);
        return new FlowStats(
            Count(FlowEntry.Active) + Count(FlowEntry.Completed) + Count(FlowEntry.Exited), Count(FlowEntry.Active), Count(FlowEntry.Completed),
            Count(FlowEntry.Skipped),
            [.. states.Where(s => s.Status == FlowEntry.Exited).GroupBy(s => (s.NextStep + 1, s.ExitReason ?? "unknown"))
                .Select(g => new FlowExitCount(g.Key.Item1, g.Key.Item2, g.Sum(s => s.Count))).OrderBy(e => e.Step).ThenByDescending(e => e.Count)],
            [.. steps.GroupBy(s => s.Step).OrderBy(g => g.Key).Select(g =>
            {
                var sent = g.Where(s => s.Status == FlowSend.Sent).ToList();
                return new FlowStepStats(g.Key + 1, sent.Sum(s => s.Count), g.Where(s => s.Status == FlowSend.Failed).Sum(s => s.Count),
                    g.Where(s => s.Status == FlowSend.Skipped).Sum(s => s.Count), sent.Sum(s => s.Opened), sent.Sum(s => s.Clicked),
                    sent.Sum(s => s.Converted), revenue.GetValueOrDefault(g.Key));
            })],
            [.. Enumerable.Range(0, ChartDays).Select(i => DateOnly.FromDateTime(from.AddDays(i))).Select(day => new FlowDay(day,
                Day(recentSends, s => s.SentAt, day), Day(recentSends, s => s.OpenedAt, day), Day(recentSends, s => s.ClickedAt, day),
                Day(recentSends, s => s.ConvertedAt, day)))],
            recent);
    }
}
