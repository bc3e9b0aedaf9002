using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>Runs the flows on a timer (<see cref="NopSegmentsOptions.FlowInterval"/>) while the module is installed.</summary>
internal sealed class FlowSweeper(FlowRunner runner, ModuleState state, IOptions<NopSegmentsOptions> options, ILogger<FlowSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the host's clock: a test that holds the clock still must not stop the timer.
        using var timer = new PeriodicTimer(options.Value.FlowInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!state.IsInstalled)
                continue;
            try
            {
                var outcome = await runner.RunAsync(stoppingToken);
                if (outcome.Entered + outcome.Sent + outcome.Exited > 0)
                    logger.LogInformation("Flows: {Entered} entered, {Sent} sent, {Exited} left, {Waiting} waiting", outcome.Entered, outcome.Sent, outcome.Exited, outcome.Waiting);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run is retried at the next tick; the store must not notice.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Flow run failed");
            }
        }
    }
}
