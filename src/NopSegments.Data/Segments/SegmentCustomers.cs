using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Segments;

/// <summary>A saved segment's members that the host knows as customers (anonymous members have no customer id).</summary>
public sealed record SegmentCustomerList(string Slug, string Name, IReadOnlyList<string> CustomerIds);

/// <summary>
/// The saved segments with their customer members now: what a host mirrors into its own customer groups (nopCommerce's
/// customer roles), so its discount rules and access lists can use a segment.
/// </summary>
internal sealed class SegmentCustomers(SegmentsDbContextFactory contexts)
{
    public async Task<IReadOnlyList<SegmentCustomerList>> ListAsync(CancellationToken ct)
    {
        await using var db = contexts.Create();
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Slug).Select(s => new { s.Id, s.Slug, s.Name }).ToListAsync(ct);
        var members = await db.SegmentMembers.AsNoTracking()
            .Join(db.Profiles, m => m.ProfileId, p => p.Id, (m, p) => new { m.SegmentId, p.CustomerId })
            .Where(m => m.CustomerId != null).ToListAsync(ct);
        var bySegment = members.ToLookup(m => m.SegmentId, m => m.CustomerId!);
        return [.. segments.Select(s => new SegmentCustomerList(s.Slug, s.Name, [.. bySegment[s.Id].Order(StringComparer.Ordinal)]))];
    }
}
