using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Profiles;

/// <summary>
/// Profiles whose host customer the host deleted without telling the module (nopCommerce's guest cleanup deletes guests
/// in bulk, with no event per customer): such a profile keeps its visitors and history but no longer names the customer,
/// so it is an anonymous visitor again rather than a person no one can reach or look up.
/// </summary>
internal sealed class CustomerLinks(SegmentsDbContextFactory contexts)
{
    private const int Page = 1000;

    /// <summary>Asks <paramref name="stillKnown"/> about every linked customer, a page at a time; releases the rest.</summary>
    /// <returns>How many profiles were released.</returns>
    public async Task<int> ReleaseUnknownAsync(Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyCollection<string>>> stillKnown, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stillKnown);
        var released = 0;
        var after = 0L;
        while (true)
        {
            await using var db = contexts.Create();
            var page = await db.Profiles.AsNoTracking().Where(p => p.Id > after && p.CustomerId != null).OrderBy(p => p.Id).Take(Page)
                .Select(p => new { p.Id, p.CustomerId }).ToListAsync(ct);
            if (page.Count == 0)
                return released;
            after = page[^1].Id;
            var known = (await stillKnown([.. page.Select(p => p.CustomerId!)], ct)).ToHashSet(StringComparer.Ordinal);
            var gone = page.Where(p => !known.Contains(p.CustomerId!)).Select(p => p.Id).ToList();
            if (gone.Count > 0)
                released += await db.Profiles.Where(p => gone.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, (string?)null), ct);
            if (page.Count < Page)
                return released;
        }
    }
}
