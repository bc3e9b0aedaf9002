using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Profiles;

/// <summary>Zero-party attributes stored on profiles when no host directory supplies them (imports).</summary>
internal sealed class ProfileTraits(SegmentsDbContextFactory contexts)
{
    /// <summary>Sets the traits of the customers' profiles that exist; returns how many profiles got them.</summary>
    public async Task<int> SaveAsync(IReadOnlyDictionary<string, Dictionary<string, string>> byCustomer, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var keys = byCustomer.Keys.ToList();
        var profiles = await db.Profiles.Where(p => p.CustomerId != null && keys.Contains(p.CustomerId)).ToListAsync(ct);
        foreach (var profile in profiles)
            profile.Traits = JsonSerializer.Serialize(byCustomer[profile.CustomerId!]);
        await db.SaveChangesAsync(ct);
        return profiles.Count;
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var json = await db.Profiles.Where(p => p.Id == profileId).Select(p => p.Traits).SingleOrDefaultAsync(ct);
        return json is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    /// <summary>Stored traits (JSON of text values) as a query snapshot's traits; none when there are none.</summary>
    public static IReadOnlyDictionary<string, object?> AsValues(string? json) =>
        json is null ? new Dictionary<string, object?>()
        : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.ToDictionary(t => t.Key, t => (object?)t.Value);
}
