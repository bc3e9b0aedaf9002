using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Data.Settings;

namespace NopSegments.Data.Marketing;

/// <summary>
/// Carries out a plan that has no problems, in the order that keeps every step valid: segments (what others read first),
/// flow settings, campaigns, then the segments nothing uses any more (readers first). A running store picks up flows at
/// the flow runner's next run and campaigns within its refresh interval.
/// </summary>
internal sealed class MarketingApply(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    public async Task RunAsync(MarketingPlan plan, CancellationToken ct)
    {
        if (plan.Problems.Count > 0)
            throw new InvalidOperationException("a plan with problems is never applied");
        var segments = new SavedSegments(contexts, clock);
        foreach (var draft in plan.SegmentsToSave)
            await segments.SaveAsync(draft, ct);
        await SaveFlowSettingsAsync(plan, ct);
        var flows = new FlowStore(contexts);
        foreach (var flow in plan.FlowsToRemove)
            await flows.ExitFlowAsync(flow, "flow_deleted", clock.GetUtcNow().UtcDateTime, ct);
        var campaigns = new CampaignStore(contexts, clock);
        foreach (var json in plan.CampaignsToSave)
            await campaigns.SaveAsync(json, ct);
        foreach (var slug in plan.CampaignsToArchive)
            await campaigns.SetStatusAsync(slug, StoredCampaign.Archived, ct);
        foreach (var slug in plan.SegmentsToRemove)
            await segments.DeleteAsync(slug, ct);
    }

    private async Task SaveFlowSettingsAsync(MarketingPlan plan, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var stored = await db.Settings.Where(s => s.Key.StartsWith("flows.")).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        foreach (var (key, setting) in stored.Where(s => !plan.FlowSettings.ContainsKey(s.Key)))
            db.Settings.Remove(setting);
        foreach (var (key, value) in plan.FlowSettings)
        {
            if (stored.TryGetValue(key, out var setting))
                setting.Value = value;
            else
                db.Settings.Add(new ModuleSetting { Key = key, Value = value });
        }
        await db.SaveChangesAsync(ct);
    }
}
