using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Tracking;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// Values the store's own data holds, by the attribute or property they complete: category, discount code, country,
/// source, device.
/// </summary>
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
            ["category"] = await IndexedAsync(db, "category", nameof(StoredEvent.Category), ct),
            ["discount_code"] = await IndexedAsync(db, "discount_code", nameof(StoredEvent.DiscountCode), ct),
            ["country"] = Sorted(await profiles.Where(p => p.Country != null).Select(p => p.Country!).Distinct().Take(Most).ToListAsync(ct)),
            ["source"] = Sorted(sources),
            ["device"] = Sorted(await profiles.Where(p => p.Device != null).Select(p => p.Device!).Distinct().Take(Most).ToListAsync(ct)),
        });
    }

    // The category and discount code indexes are ordered by (name, value, …): stepping from one value to the next is a
    // seek each, where a DISTINCT would read every such event of a ten-million-event store. Values as the column keeps
    // them (lower-cased); the language compares them ignoring case.
    private static async Task<IReadOnlyList<string>> IndexedAsync(SegmentsDbContext db, string property, string column, CancellationToken ct)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in EventCatalog.Events.Where(e => e.Value.ContainsKey(property)).Select(e => e.Key))
        {
            var last = "";
            while (found.Count < Most)
            {
                var after = last;
                var next = await db.Events.AsNoTracking()
                    .Where(e => e.Name == name && EF.Property<string?>(e, column) != null && string.Compare(EF.Property<string?>(e, column), after) > 0)
                    .MinAsync(e => EF.Property<string?>(e, column), ct);
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
