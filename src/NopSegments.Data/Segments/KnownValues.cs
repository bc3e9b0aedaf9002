using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>Values the store's own data holds, by the attribute or property they complete: category, country, source, device.</summary>
public sealed record KnownValueLists(IReadOnlyDictionary<string, IReadOnlyList<string>> Values);

/// <summary>Reads the values the editor offers after <c>category =</c>, <c>country IN (</c> and the like.</summary>
internal sealed class KnownValues(SegmentsDbContextFactory contexts)
{
    private const int Most = 300;

    public async Task<KnownValueLists> ReadAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var profiles = db.Profiles.AsNoTracking();
        var sources = await profiles.Where(p => p.LastSource != null).Select(p => p.LastSource!)
            .Union(profiles.Where(p => p.FirstSource != null).Select(p => p.FirstSource!)).Take(Most).ToListAsync(ct);
        return new KnownValueLists(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["category"] = await CategoriesAsync(db, ct),
            ["country"] = Sorted(await profiles.Where(p => p.Country != null).Select(p => p.Country!).Distinct().Take(Most).ToListAsync(ct)),
            ["source"] = Sorted(sources),
            ["device"] = Sorted(await profiles.Where(p => p.Device != null).Select(p => p.Device!).Distinct().Take(Most).ToListAsync(ct)),
        });
    }

    // The category index is ordered by (name, category, …): stepping from one category to the next is a seek each,
    // where a DISTINCT would read every categorised event of a ten-million-event store.
    private static async Task<IReadOnlyList<string>> CategoriesAsync(SegmentsDbContext db, CancellationToken ct)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in EventCatalog.Events.Where(e => e.Value.ContainsKey("category")).Select(e => e.Key))
        {
            var last = "";
            while (found.Count < Most)
            {
                var after = last;
                var next = await db.Events.AsNoTracking()
                    .Where(e => e.Name == name && e.Category != null && string.Compare(e.Category, after) > 0)
                    .MinAsync(e => e.Category, ct);
                if (next is null)
                    break;
                found.Add(next);
                last = next;
            }
        }
        return [.. found];
    }

    private static List<string> Sorted(List<string> values)
    {
        values.Sort(StringComparer.Ordinal);
        return values;
    }
}
