using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Privacy;
using NopSegments.Data.Segments;
using NopSegments.Web.Flows;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Scheduling;

/// <summary>
/// The module's recurring work as the scheduler runs it: the flows, the sweep of due segment checks (and RFM rescoring),
/// and the retention purge. Each job runs on one web node at a time (a lock in the job storage) and does nothing while the
/// module is not installed; a failed run is logged and the next one runs as usual.
/// </summary>
internal sealed class ScheduledWork(
    FlowRunner flows, SegmentSweep sweep, SavedSegments segments, RetentionPurge purge, ModuleSettings settings, ModuleState state,
    IOptions<NopSegmentsOptions> options, ILogger<ScheduledWork> logger)
{
    private const int LockSeconds = 5;

    [DisableConcurrentExecution(LockSeconds)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunFlowsAsync(CancellationToken ct) => RunAsync("Flows", async () =>
    {
        var outcome = await flows.RunAsync(ct);
        if (outcome.Entered + outcome.Sent + outcome.Exited + outcome.Converted > 0)
            logger.LogInformation("Flows: {Entered} entered, {Sent} sent, {Exited} left, {Waiting} waiting, {Converted} orders credited",
                outcome.Entered, outcome.Sent, outcome.Exited, outcome.Waiting, outcome.Converted);
    });

    [DisableConcurrentExecution(LockSeconds)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task SweepSegmentsAsync(CancellationToken ct) => RunAsync("Segment sweep", async () =>
    {
        var (checkedPairs, transitions) = await sweep.RunAsync(ct);
        if (checkedPairs > 0)
            logger.LogInformation("Segment sweep: {Checked} due checks, {Transitions} transitions", checkedPairs, transitions);
        var rescore = await segments.RescoreAsync(options.Value.RfmRescoreInterval, ct);
        if (rescore.Segments > 0)
            logger.LogInformation("RFM rescoring: {Segments} segments, {Entered} entered, {Left} left", rescore.Segments, rescore.Entered, rescore.Left);
    });

    [DisableConcurrentExecution(LockSeconds)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task PurgeAsync(CancellationToken ct) => RunAsync("Retention purge", async () =>
    {
        if (settings.RetentionDays <= 0)
            return;
        var result = await purge.RunAsync(settings.RetentionDays, ct);
        logger.LogInformation("Retention purge ({Days} days): {Events} events and {Profiles} anonymous profiles removed, {Refolded} profiles recomputed",
            settings.RetentionDays, result.Events, result.Profiles, result.Refolded);
    });

    private async Task RunAsync(string work, Func<Task> run)
    {
        if (!state.IsInstalled)
            return;
        try
        {
            await run();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed run is tried at the next occurrence; the store must not notice.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "{Work} failed", work);
        }
    }
}
