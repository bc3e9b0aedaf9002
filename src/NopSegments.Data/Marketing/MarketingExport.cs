using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Flows;

namespace NopSegments.Data.Marketing;

/// <summary>Writes a store's segments, flows and campaigns as the files <see cref="MarketingPlan"/> reads back.</summary>
internal sealed class MarketingExport(SegmentsDbContextFactory contexts)
{
    public sealed record Written(int Segments, int Flows, int Campaigns);

    public async Task<Written> WriteAsync(string directory, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(ct);
        var settings = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, ct);
        var campaigns = await db.Set<StoredCampaign>().AsNoTracking().Where(c => c.Status != StoredCampaign.Archived).ToListAsync(ct);
        Directory.CreateDirectory(directory);

        MarketingFiles.Write(directory, MarketingFiles.Segments, segments.ToDictionary(s => s.Slug, s =>
        {
            var o = new JsonObject { ["slug"] = s.Slug, ["name"] = s.Name };
            if (!string.IsNullOrEmpty(s.Description))
                o["description"] = s.Description;
            o["query"] = s.Query;
            return MarketingFiles.Serialize(o);
        }, StringComparer.Ordinal));

        var flows = FlowCatalog.BuiltIns.Select(b => b.Key).Concat(FlowSettings.CustomKeys(settings));
        MarketingFiles.Write(directory, MarketingFiles.Flows, flows.ToDictionary(key => key, key =>
        {
            var values = new JsonObject();
            foreach (var field in FlowCatalog.Fields)
            {
                if (settings.TryGetValue($"flows.{key}.{field}", out var value))
                    values[field] = value;
            }
            return MarketingFiles.Serialize(new JsonObject { ["key"] = key, ["settings"] = values });
        }, StringComparer.Ordinal));

        var rules = new JsonObject();
        foreach (var rule in MarketingFiles.RuleKeys)
            rules[rule] = settings.GetValueOrDefault($"flows.{rule}", "");
        await File.WriteAllTextAsync(Path.Combine(directory, MarketingFiles.FlowRules), MarketingFiles.Serialize(rules) + "\n", ct);

        // A campaign's file is its definition as the merchandiser saved it, comments and all.
        MarketingFiles.Write(directory, MarketingFiles.Campaigns, campaigns.ToDictionary(c => c.Slug, c => c.Definition, StringComparer.Ordinal));
        return new Written(segments.Count, flows.Count(), campaigns.Count);
    }
}
