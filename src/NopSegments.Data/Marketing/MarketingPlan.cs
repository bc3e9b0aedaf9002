using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Language;

namespace NopSegments.Data.Marketing;

/// <summary>One thing applying a directory does: create, change, remove or archive a segment, flow, rule or campaign.</summary>
public sealed record MarketingChange(string Kind, string Key, string Action)
{
    public override string ToString() => $"{Action} {Kind} {Key}";
}

/// <summary>
/// What applying a directory would do to a store, checked whole before anything is written: every file must read, every
/// segment's query, flow's settings and campaign's definition must hold against the segments the store will have after
/// the apply. Segments and custom flows missing from the directory are removed, campaigns archived (their results stay);
/// built-in flows missing from it are left as they are.
/// </summary>
internal sealed class MarketingPlan
{
    public List<FileProblem> Problems { get; } = [];
    public List<MarketingChange> Changes { get; } = [];
    public int Unchanged { get; private set; }

    /// <summary>The segments to save, readers after what they read.</summary>
    public List<SegmentDraft> SegmentsToSave { get; } = [];

    /// <summary>The segments to delete, readers before what they read.</summary>
    public List<string> SegmentsToRemove { get; } = [];

    /// <summary>Every flows.* setting as it will be (the custom list included), and the custom flows to take people out of.</summary>
    public Dictionary<string, string> FlowSettings { get; } = new(StringComparer.Ordinal);

    public List<string> FlowsToRemove { get; } = [];
    public List<string> CampaignsToSave { get; } = [];
    public List<string> CampaignsToArchive { get; } = [];

    public static async Task<MarketingPlan> MakeAsync(string directory, SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var plan = new MarketingPlan();
        if (!Directory.Exists(directory))
        {
            plan.Problems.Add(new FileProblem(directory, 0, "no such directory"));
            return plan;
        }
        await using var db = contexts.Create();
        var segments = await db.Segments.AsNoTracking().ToListAsync(ct);
        var settings = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, ct);
        var campaigns = await db.Set<StoredCampaign>().AsNoTracking().ToListAsync(ct);

        var segmentFiles = MarketingFiles.Read(directory, MarketingFiles.Segments);
        var slugs = segmentFiles.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        plan.PlanSegments(segmentFiles, segments, slugs);
        new FlowFiles(plan, directory, settings, slugs).Plan();
        plan.PlanCampaigns(MarketingFiles.Read(directory, MarketingFiles.Campaigns), campaigns, slugs);
        return plan;
    }

    internal void Count(string kind, string key, string? action)
    {
        if (action is null)
            Unchanged++;
        else
            Changes.Add(new MarketingChange(kind, key, action));
    }

    private void PlanSegments(IReadOnlyList<MarketingFile> files, List<SavedSegment> stored, HashSet<string> slugs)
    {
        var reads = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var drafts = new Dictionary<string, (SegmentDraft Draft, string? Action)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (MarketingFiles.Object(file, Problems) is not { } o || Known(file, o, ["slug", "name", "description", "query"]) is false)
                continue;
            var (slug, name) = (MarketingFiles.Text(file, o, "slug", true, Problems), MarketingFiles.Text(file, o, "name", true, Problems));
            var (description, text) = (MarketingFiles.Text(file, o, "description", false, Problems), MarketingFiles.Text(file, o, "query", true, Problems));
            if (slug is null || name is null || text is null)
                continue;
            if (slug != file.Key)
            {
                Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, "$.slug"), $"the slug '{slug}' must match the file's name '{file.Key}'"));
                continue;
            }
            try
            {
                var query = SegmentQuery.Parse(text, [.. slugs.Where(s => s != slug)]);
                reads[slug] = query.Segments;
                var known = stored.SingleOrDefault(s => s.Slug == slug);
                var action = known is null ? "create"
                    : known.Name != name.Trim() || (known.Description ?? "") != (description ?? "").Trim() || known.Query != query.Text ? "change" : null;
                drafts[slug] = (new SegmentDraft(slug, name, description, text), action);
            }
            catch (SegmentQueryException ex)
            {
                Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, "$.query"), $"query: {ex.Message}"));
            }
        }
        foreach (var slug in Ordered(reads, file => Problems.Add(new FileProblem($"{MarketingFiles.Segments}/{file}.json", 1, "in_segment makes a cycle through it"))))
        {
            var (draft, action) = drafts[slug];
            Count("segment", slug, action);
            if (action is not null)
                SegmentsToSave.Add(draft);
        }
        var gone = stored.Where(s => !slugs.Contains(s.Slug)).ToList();
        var storedReads = gone.ToDictionary(s => s.Slug, s => (IReadOnlySet<string>)SegmentQuery.Parse(s.Query, [.. stored.Select(x => x.Slug)]).Segments
            .Where(r => !slugs.Contains(r)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var slug in Ordered(storedReads, _ => { }).AsEnumerable().Reverse())
        {
            Count("segment", slug, "remove");
            SegmentsToRemove.Add(slug);
        }
    }

    private void PlanCampaigns(IReadOnlyList<MarketingFile> files, List<StoredCampaign> stored, HashSet<string> slugs)
    {
        foreach (var file in files)
        {
            try
            {
                var definition = CampaignReader.Read(file.Json, slugs);
                if (definition.Slug != file.Key)
                {
                    Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, "$.slug"), $"the slug '{definition.Slug}' must match the file's name '{file.Key}'"));
                    continue;
                }
                var known = stored.SingleOrDefault(c => c.Slug == definition.Slug);
                var action = known is null ? "create"
                    : !JsonNode.DeepEquals(JsonNode.Parse(known.Definition, documentOptions: MarketingFiles.Lenient), JsonNode.Parse(file.Json, documentOptions: MarketingFiles.Lenient)) ? "change" : null;
                Count("campaign", definition.Slug, action);
                if (action is not null)
                    CampaignsToSave.Add(file.Json);
            }
            catch (CampaignDefinitionException ex)
            {
                Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, ex.Path), ex.Message));
            }
        }
        foreach (var campaign in stored.Where(c => !files.Any(f => f.Key == c.Slug) && c.Status != StoredCampaign.Archived))
        {
            Count("campaign", campaign.Slug, "archive");
            CampaignsToArchive.Add(campaign.Slug);
        }
    }

    internal bool Known(MarketingFile file, JsonObject o, IReadOnlyCollection<string> names)
    {
        foreach (var (name, _) in o)
        {
            if (!names.Contains(name))
            {
                Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, $"$.{name}"), $"unknown property '{name}' (expected {string.Join(", ", names)})"));
                return false;
            }
        }
        return true;
    }

    /// <summary>The keys with what each reads first; one in a cycle is reported and left out.</summary>
    private static List<string> Ordered(Dictionary<string, IReadOnlySet<string>> reads, Action<string> cycle)
    {
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var key in reads.Keys.Order(StringComparer.Ordinal))
        {
            if (!Visit(key))
                cycle(key);
        }
        return order;

        bool Visit(string key)
        {
            if (state.TryGetValue(key, out var done))
                return done;
            state[key] = false;
            foreach (var next in reads[key].Where(reads.ContainsKey))
            {
                if (!Visit(next))
                    return false;
            }
            state[key] = true;
            order.Add(key);
            return true;
        }
    }
}
