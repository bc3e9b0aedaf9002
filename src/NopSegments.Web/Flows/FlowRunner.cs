using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Flows;

/// <summary>
/// Runs the flows once: enters the people whose triggers fired, credits orders to the sends before them, then runs each
/// due step after checking again that it should go (<see cref="FlowStep"/>). Each send is claimed in the ledger under a
/// unique key before anything leaves, so nothing is sent twice.
/// </summary>
internal sealed class FlowRunner(
    FlowTriggers triggers, FlowEntrance entrance, FlowAttribution attribution, FlowStore store, FlowStepRunner steps, ModuleSettings settings,
    SavedSegments segments, TimeProvider clock, ILogger<FlowRunner> logger)
{
    private const int MostStepsPerRun = 200;

    // Where the next look for changed profiles starts; the first look after a start goes back the longest look-back.
    private FlowTriggers.Cursor? cursor;

    public sealed record Outcome(int Entered, int Sent, int Exited, int Waiting)
    {
        public int Skipped { get; init; }
        public int Converted { get; init; }
    }

    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        FlowSettings flows;
        // Another web node may have saved the flows since: each run reads them afresh.
        await settings.ReloadAsync(ct);
        try
        {
            flows = FlowSettings.Read(settings.All, [.. (await segments.ListAsync(ct)).Select(s => s.Slug)]);
        }
        catch (FlowSettingsException ex)
        {
            logger.LogError("Flows are paused: setting {Key} does not read: {Problem}", ex.Key, ex.Message);
            return new Outcome(0, 0, 0, 0);
        }
        var enabled = flows.Flows.Where(f => f.Enabled).ToList();
        var now = clock.GetUtcNow();
        var (entered, skipped) = (0, 0);
        if (enabled.Count > 0)
        {
            var from = cursor ?? new FlowTriggers.Cursor(now.UtcDateTime - enabled.Max(f => f.Lookback), 0);
            var changes = await triggers.ChangedAsync(from, now.UtcDateTime, ct);
            foreach (var flow in enabled)
            {
                var result = await entrance.EnterAsync(flow, await triggers.FindAsync(flow, changes, from.At, now.UtcDateTime, ct), now, ct);
                (entered, skipped) = (entered + result.Entered, skipped + result.Skipped);
            }
            cursor = changes.Next;
        }
        var converted = await attribution.CreditOrdersAsync(flows.ConversionWindow, now.UtcDateTime, ct);
        var (sent, exited, waiting) = (0, 0, 0);
        foreach (var entry in await store.DueAsync([.. enabled.Select(f => f.Key)], now.UtcDateTime, MostStepsPerRun, ct))
        {
            switch (await steps.RunAsync(entry, flows, flows[entry.Flow], now, ct))
            {
                case FlowStepRunner.Result.Sent: sent++; break;
                case FlowStepRunner.Result.Exited: exited++; break;
                default: waiting++; break;
            }
        }
        return new Outcome(entered, sent, exited, waiting) { Skipped = skipped, Converted = converted };
    }
}
