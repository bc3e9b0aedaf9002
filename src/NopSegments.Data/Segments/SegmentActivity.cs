using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>A saved segment as the admin lists it: its definition, version and current member count.</summary>
public sealed record SegmentSummary(
    string Slug, string Name, string? Description, string Query, int Version, int Members, DateTimeOffset UpdatedAt, DateTimeOffset MaterializedAt,
    long Id);

/// <summary>One entry of a segment's transition log, with the profile it moved; <paramref name="Cursor"/> pages on from it.</summary>
public sealed record SegmentChange(
    long ProfileId, string? CustomerId, string Kind, DateTimeOffset At, string Reason, Guid? EventId, int Version, PageCursor Cursor);

/// <summary>A current member of a segment, since when, and what the members table shows of them.</summary>
public sealed record SegmentMemberRow(
    long ProfileId, string? CustomerId, DateTimeOffset Since, int OrdersCount, double TotalSpent, DateTimeOffset? LastSeenAt);

/// <summary>What the admin shows of saved segments: the list with member counts, and who entered and left lately.</summary>
internal sealed class SegmentActivity(SegmentsDbContextFactory contexts)
{
    public async Task<List<SegmentSummary>> SummariesAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { Segment = s, Members = db.SegmentMembers.Count(m => m.SegmentId == s.Id) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SegmentSummary(r.Segment.Slug, r.Segment.Name, r.Segment.Description, r.Segment.Query, r.Segment.Version,
            r.Members, Utc(r.Segment.UpdatedAt), Utc(r.Segment.MaterializedAt), r.Segment.Id))];
    }

    /// <summary>
    /// A page of the segment's entries and exits, newest first, after <paramref name="after"/> (the last row of the page
    /// before, see <see cref="PageCursor"/>): a seek in the (segment, time) index however deep the page.
    /// </summary>
    public async Task<List<SegmentChange>> RecentChangesAsync(long segmentId, int limit, PageCursor? after = null, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var changes = db.SegmentTransitions.AsNoTracking().Where(t => t.SegmentId == segmentId);
        if (after is { } cursor)
            changes = changes.Where(t => t.At <= cursor.At && (t.At < cursor.At || t.Id < cursor.Id));
        var rows = await (
            from t in changes
            orderby t.At descending, t.Id descending
            select new { t.Id, t.ProfileId, CustomerId = db.Profiles.Where(p => p.Id == t.ProfileId).Select(p => p.CustomerId).FirstOrDefault(),
                t.Kind, t.At, t.Reason, t.EventId, t.Version })
            .Take(limit).ToListAsync(ct);
        return [.. rows.Select(r => new SegmentChange(r.ProfileId, r.CustomerId, r.Kind, Utc(r.At), r.Reason, r.EventId, r.Version, new PageCursor(r.At, r.Id)))];
    }

    /// <summary>
    /// A page of the segment's members in profile order after <paramref name="afterProfile"/>: the members' key is that
    /// order, so any page is a seek and saving a segment writes no second index (who entered last is the changes log).
    /// </summary>
    public async Task<List<SegmentMemberRow>> MembersAsync(long segmentId, int limit, long? afterProfile = null, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var after = afterProfile ?? long.MinValue;
        var rows = await (
            from m in db.SegmentMembers.AsNoTracking()
            where m.SegmentId == segmentId && m.ProfileId > after
            orderby m.ProfileId
            join p in db.Profiles on m.ProfileId equals p.Id
            select new { m.ProfileId, p.CustomerId, m.Since, p.OrdersCount, p.TotalSpent, p.LastSeenAt })
            .Take(limit).ToListAsync(ct);
        return [.. rows.Select(r => new SegmentMemberRow(r.ProfileId, r.CustomerId, Utc(r.Since), r.OrdersCount, r.TotalSpent,
            r.LastSeenAt is { } seen ? Utc(seen) : null))];
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
