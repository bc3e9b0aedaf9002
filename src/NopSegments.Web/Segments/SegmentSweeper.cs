using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Segments;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Segments;

/// <summary>Runs the sweep of due segment checks, and RFM rescoring when it is due, on a timer while the module is installed.</summary>
internal sealed class SegmentSweeper(
    SegmentSweep sweep, SavedSegments segments, ModuleState state, IOptions<NopSegmentsOptions> options, TimeProvider clock,
    ILogger<SegmentSweeper> logger) : RecurringWork(state, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override TimeProvider Clock => clock;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var (checkedPairs, transitions) = await sweep.RunAsync(ct);
        if (checkedPairs > 0)
            logger.LogInformation("Segment sweep: {Checked} due checks, {Transitions} transitions", checkedPairs, transitions);
        var rescore = await segments.RescoreAsync(options.Value.RfmRescoreInterval, ct);
        if (rescore.Segments > 0)
            logger.LogInformation("RFM rescoring: {Segments} segments, {Entered} entered, {Left} left", rescore.Segments, rescore.Entered, rescore.Left);
    }
}
