using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NopSegments.Data;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Data.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// What the admin's pages read on the benchmark's data, each list's first page and a page half-way down it (the median
/// of three after one to warm): a merchandiser pages and opens segments, profiles and events at a million profiles.
/// </summary>
internal static class AdminListBench
{
    private const int Page = 50;

    public static async Task RunAsync(SegmentsDbContextFactory contexts, DateTimeOffset now, CancellationToken ct)
    {
        var segments = new SavedSegments(contexts, new FixedClock(now));
        await segments.SaveAsync(new SegmentDraft("bench-lists", "bench-lists", null, "orders_count >= 3 AND total_spent > 500"), ct);
        await segments.SaveAsync(new SegmentDraft("bench-lists-2", "bench-lists-2", null, "product_viewed(category = \"Candles\", within 365d) >= 2"), ct);
        try
        {
            var activity = new SegmentActivity(contexts);
            var insights = new SegmentInsights(contexts);
            var profiles = new ProfileList(contexts);
            var events = new EventStore(contexts);
            var id = (await activity.SummariesAsync(ct)).Single(s => s.Slug == "bench-lists").Id;
            var (memberHalf, changeHalf, profileHalf, eventHalf, heaviest) = await HalfWayAsync(contexts, id, ct);
            Console.Out.WriteLine("admin list | first page | half-way down");
            await LineAsync("segment members (428k)", () => activity.MembersAsync(id, Page + 1, null, ct), () => activity.MembersAsync(id, Page + 1, memberHalf, ct));
            await LineAsync("segment entries and exits", () => activity.RecentChangesAsync(id, Page + 1, null, ct), () => activity.RecentChangesAsync(id, Page + 1, changeHalf, ct));
            await LineAsync("profiles", () => profiles.SearchAsync(null, null, ct), () => profiles.SearchAsync(null, profileHalf, ct));
            await LineAsync("store events", () => events.RecentAsync(new EventFilter(null, null), ct), () => events.RecentAsync(new EventFilter(null, null, Before: eventHalf), ct));
            await LineAsync("one event name", () => events.RecentAsync(new EventFilter(null, "order_placed"), ct),
                () => events.RecentAsync(new EventFilter(null, "order_placed", Before: eventHalf), ct));
            await LineAsync("heaviest profile's timeline", () => events.RecentAsync(new EventFilter(null, null, 300, heaviest), ct), null);
            await LineAsync("segment size by day (90 days)", () => insights.DaysAsync(id, 90, now, ct), null);
            await LineAsync("segment overlap", () => insights.OverlapAsync(id, ct), null);
            await LineAsync("members' orders", () => insights.OutcomesAsync(id, DateTimeOffset.UtcNow.AddDays(-90), ct), null);
            await LineAsync("editor's known values", () => new KnownValues(contexts).ReadAsync(ct), null);
        }
        finally
        {
            await segments.DeleteAsync("bench-lists-2", ct);
            await segments.DeleteAsync("bench-lists", ct);
        }
    }

    private static async Task<(long, PageCursor, PageCursor, PageCursor, long)> HalfWayAsync(SegmentsDbContextFactory contexts, long segment, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == segment);
        var member = await members.OrderBy(m => m.ProfileId).Skip(await members.CountAsync(ct) / 2).Select(m => m.ProfileId).FirstAsync(ct);
        var changes = db.SegmentTransitions.AsNoTracking().Where(t => t.SegmentId == segment);
        var change = await changes.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Skip(await changes.CountAsync(ct) / 2).FirstAsync(ct);
        var seen = db.Profiles.AsNoTracking().Where(p => p.LastSeenAt != null);
        var profile = await seen.OrderByDescending(p => p.LastSeenAt).ThenByDescending(p => p.Id).Skip(await seen.CountAsync(ct) / 2).FirstAsync(ct);
        var named = db.Events.AsNoTracking().Where(e => e.Name == "order_placed");
        var @event = await named.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip(await named.CountAsync(ct) / 2).FirstAsync(ct);
        var heaviest = await db.Profiles.AsNoTracking().OrderByDescending(p => p.OrdersCount).Select(p => p.Id).FirstAsync(ct);
        return (member, new(change.At, change.Id), new(profile.LastSeenAt!.Value, profile.Id), new(@event.OccurredAt, @event.Id), heaviest);
    }

    private static async Task LineAsync<T>(string list, Func<Task<T>> first, Func<Task<T>>? deep)
    {
        var firstTime = await MedianAsync(first);
        var deepTime = deep is null ? "" : $"{(await MedianAsync(deep)).TotalSeconds:0.000} s";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{list} | {firstTime.TotalSeconds:0.000} s | {deepTime}"));
    }

    private static async Task<TimeSpan> MedianAsync<T>(Func<Task<T>> read)
    {
        await read();
        var times = new List<TimeSpan>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            await read();
            times.Add(clock.Elapsed);
        }
        return times.Order().ElementAt(1);
    }
}
