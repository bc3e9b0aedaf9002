using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>Runs the flows every <see cref="NopSegmentsOptions.FlowInterval"/> while the module is installed.</summary>
internal sealed class FlowSweeper(FlowRunner runner, ModuleState state, IOptions<NopSegmentsOptions> options, ILogger<FlowSweeper> logger)
    : RecurringWork(state, logger)
{
    // On real time (the default Clock), not the host's: a test that holds the host's clock still must not stop the timer.
    protected override TimeSpan Interval => options.Value.FlowInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var outcome = await runner.RunAsync(ct);
        if (outcome.Entered + outcome.Sent + outcome.Exited > 0)
            logger.LogInformation("Flows: {Entered} entered, {Sent} sent, {Exited} left, {Waiting} waiting", outcome.Entered, outcome.Sent, outcome.Exited, outcome.Waiting);
    }
}
