using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>A saved segment as the admin lists it: its definition, version and current member count.</summary>
public sealed record SegmentSummary(
    string Slug, string Name, string? Description, string Query, int Version, int Members, DateTimeOffset UpdatedAt, DateTimeOffset MaterializedAt);

/// <summary>One entry of a segment's transition log, with the profile it moved.</summary>
public sealed record SegmentChange(long ProfileId, string? CustomerId, string Kind, DateTimeOffset At, string Reason, Guid? EventId, int Version);

/// <summary>A current member of a segment and since when.</summary>
public sealed record SegmentMemberRow(long ProfileId, string? CustomerId, DateTimeOffset Since);

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
            r.Members, Utc(r.Segment.UpdatedAt), Utc(r.Segment.MaterializedAt)))];
    }

    public async Task<List<SegmentChange>> RecentChangesAsync(string slug, int limit, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var rows = await (
            from t in db.SegmentTransitions.AsNoTracking()
            join s in db.Segments on t.SegmentId equals s.Id
            where s.Slug == slug
            orderby t.Id descending
            select new { t.ProfileId, CustomerId = db.Profiles.Where(p => p.Id == t.ProfileId).Select(p => p.CustomerId).FirstOrDefault(),
                t.Kind, t.At, t.Reason, t.EventId, t.Version })
            .Take(limit).ToListAsync(ct);
        return [.. rows.Select(r => new SegmentChange(r.ProfileId, r.CustomerId, r.Kind, Utc(r.At), r.Reason, r.EventId, r.Version))];
    }

    /// <summary>The segment's newest members first: who just entered is what a merchandiser checks after an edit.</summary>
    public async Task<List<SegmentMemberRow>> NewestMembersAsync(string slug, int limit, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var rows = await (
            from m in db.SegmentMembers.AsNoTracking()
            join s in db.Segments on m.SegmentId equals s.Id
            where s.Slug == slug
            orderby m.Since descending, m.ProfileId
            select new { m.ProfileId, CustomerId = db.Profiles.Where(p => p.Id == m.ProfileId).Select(p => p.CustomerId).FirstOrDefault(), m.Since })
            .Take(limit).ToListAsync(ct);
        return [.. rows.Select(r => new SegmentMemberRow(r.ProfileId, r.CustomerId, Utc(r.Since)))];
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
