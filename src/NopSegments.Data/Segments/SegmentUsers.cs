using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Flows;

namespace NopSegments.Data.Segments;

/// <summary>
/// What else acts on a saved segment: a flow that starts on it or names it in a filter, a campaign (not archived) that
/// targets it. A segment in use is not deleted: the flow would stop entering people, the campaign stop showing.
/// </summary>
internal static class SegmentUsers
{
    public static async Task<string?> FirstAsync(SegmentsDbContext db, string slug, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith("flows.")).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var slugs = await db.Segments.AsNoTracking().Select(s => s.Slug).ToListAsync(ct);
        foreach (var flow in Flows(settings, slugs))
        {
            if (flow.Trigger.SegmentSlug == slug)
                return $"the flow '{flow.Name}' starts on it";
            if (flow.Filter?.Segments.Contains(slug) == true)
                return $"the flow '{flow.Name}' reads it in its filter";
            if (flow.ExitQuery?.Segments.Contains(slug) == true)
                return $"the flow '{flow.Name}' reads it in its exit filter";
        }
        var campaigns = await db.Set<StoredCampaign>().AsNoTracking().Where(c => c.Status != StoredCampaign.Archived)
            .Select(c => new { c.Name, c.Definition }).ToListAsync(ct);
        foreach (var campaign in campaigns)
        {
            if (Audience(campaign.Definition) == slug)
                return $"the campaign '{campaign.Name}' targets it";
        }
        return null;
    }

    private static IReadOnlyList<FlowDefinition> Flows(IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<string> slugs)
    {
        try
        {
            return FlowSettings.Read(settings, slugs).Flows;
        }
        catch (FlowSettingsException)
        {
            // Flows that do not read run nothing; their page says what to fix.
            return [];
        }
    }

    private static string? Audience(string json)
    {
        try
        {
            return CampaignReader.Read(json).Audience.Segment;
        }
        catch (CampaignDefinitionException)
        {
            return null;
        }
    }
}
