using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Campaigns;

/// <summary>
/// The campaigns in the module's table: saved only when their definition reads (with the saved segments' slugs), each
/// save a new version; live ones are what the offer decision holds in memory.
/// </summary>
internal sealed class CampaignStore(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>A campaign's line in the list.</summary>
    public sealed record Summary(string Slug, string Name, string Status, int Version, DateTime UpdatedAt);

    /// <summary>Saves the definition (new, or a new version of the slug's); returns the version now stored.</summary>
    public async Task<int> SaveAsync(string json, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var slugs = await db.Segments.Select(s => s.Slug).ToListAsync(ct);
        var definition = CampaignReader.Read(json, slugs);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Set<StoredCampaign>().SingleOrDefaultAsync(c => c.Slug == definition.Slug, ct);
        if (stored is null)
        {
            stored = new StoredCampaign { Slug = definition.Slug, Name = definition.Name, Definition = json, CreatedAt = now, UpdatedAt = now };
            db.Add(stored);
        }
        else
        {
            (stored.Name, stored.Definition, stored.UpdatedAt) = (definition.Name, json, now);
            stored.Version++;
        }
        await db.SaveChangesAsync(ct);
        return stored.Version;
    }

    /// <summary>Sets a campaign live, paused, archived or back to draft; false when there is no such campaign.</summary>
    public async Task<bool> SetStatusAsync(string slug, string status, CancellationToken ct)
    {
        if (!StoredCampaign.Statuses.Contains(status))
            throw new ArgumentException($"'{status}' is not a campaign status", nameof(status));
        await using var db = contexts.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<StoredCampaign>().Where(c => c.Slug == slug)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, status).SetProperty(x => x.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Copies a campaign as a new draft (slug <c>…-copy</c>, <c>…-copy-2</c>, …, named "Copy of …"); returns the new slug,
    /// or null when there is no such campaign.
    /// </summary>
    public async Task<string?> DuplicateAsync(string slug, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var source = await db.Set<StoredCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (source is null)
            return null;
        var taken = await db.Set<StoredCampaign>().Where(c => c.Slug.StartsWith(slug)).Select(c => c.Slug).ToListAsync(ct);
        var stem = slug.Length > 55 ? slug[..55] : slug;
        var copy = Enumerable.Range(1, 1000).Select(i => i == 1 ? $"{stem}-copy" : $"{stem}-copy-{i}").First(c => !taken.Contains(c));
        var json = System.Text.Json.Nodes.JsonNode.Parse(source.Definition, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        json["slug"] = copy;
        json["name"] = $"Copy of {source.Name}";
        var now = clock.GetUtcNow().UtcDateTime;
        var text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        db.Add(new StoredCampaign { Slug = copy, Name = $"Copy of {source.Name}", Definition = text, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(ct);
        return copy;
    }

    public async Task<IReadOnlyList<Summary>> ListAsync(CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.Set<StoredCampaign>().AsNoTracking().OrderBy(c => c.Status == StoredCampaign.Archived).ThenBy(c => c.Name)
            .Select(c => new Summary(c.Slug, c.Name, c.Status, c.Version, c.UpdatedAt)).ToListAsync(ct);
    }

    /// <summary>How many people each saved segment holds now (by slug), and how many profiles there are in all.</summary>
    public async Task<(IReadOnlyDictionary<string, int> BySegment, int Everyone)> AudienceSizesAsync(CancellationToken ct)
    {
        await using var db = contexts.Create();
        var sizes = await db.SegmentMembers.GroupBy(m => m.SegmentId).Select(g => new { g.Key, Count = g.Count() })
            .Join(db.Segments, c => c.Key, s => s.Id, (c, s) => new { s.Slug, c.Count }).ToDictionaryAsync(x => x.Slug, x => x.Count, ct);
        return (sizes, await db.Profiles.CountAsync(ct));
    }

    /// <summary>The campaign's line in the list, or null.</summary>
    public async Task<Summary?> FindAsync(string slug, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.Set<StoredCampaign>().AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new Summary(c.Slug, c.Name, c.Status, c.Version, c.UpdatedAt)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The definition's JSON as saved, or null.</summary>
    public async Task<string?> JsonAsync(string slug, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.Set<StoredCampaign>().Where(c => c.Slug == slug).Select(c => c.Definition).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The live campaigns' definitions. One whose segment was deleted since it was saved no longer reads: it is left out
    /// (and listed in <paramref name="unreadable"/>) rather than shown to everyone.
    /// </summary>
    public async Task<IReadOnlyList<CampaignDefinition>> LiveAsync(ICollection<string>? unreadable, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var slugs = await db.Segments.Select(s => s.Slug).ToListAsync(ct);
        var live = await db.Set<StoredCampaign>().AsNoTracking().Where(c => c.Status == StoredCampaign.Live).ToListAsync(ct);
        var definitions = new List<CampaignDefinition>();
        foreach (var campaign in live)
        {
            try
            {
                definitions.Add(CampaignReader.Read(campaign.Definition, slugs));
            }
            catch (CampaignDefinitionException)
            {
                unreadable?.Add(campaign.Slug);
            }
        }
        return definitions;
    }
}
