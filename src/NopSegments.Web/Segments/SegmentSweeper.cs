using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Segments;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Segments;

/// <summary>Runs the sweep of due segment checks, and RFM rescoring when it is due, on a timer while the module is installed.</summary>
internal sealed class SegmentSweeper(
    SegmentSweep sweep, SavedSegments segments, ModuleState state, IOptions<NopSegmentsOptions> options, TimeProvider clock,
    ILogger<SegmentSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!state.IsInstalled)
                continue;
            try
            {
                var (checkedPairs, transitions) = await sweep.RunAsync(stoppingToken);
                if (checkedPairs > 0)
                    logger.LogInformation("Segment sweep: {Checked} due checks, {Transitions} transitions", checkedPairs, transitions);
                var rescore = await segments.RescoreAsync(options.Value.RfmRescoreInterval, stoppingToken);
                if (rescore.Segments > 0)
                    logger.LogInformation("RFM rescoring: {Segments} segments, {Entered} entered, {Left} left", rescore.Segments, rescore.Entered, rescore.Left);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep is retried at the next tick; the store must not notice.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Segment sweep failed");
            }
        }
    }
}
