using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Privacy;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Privacy;

/// <summary>Runs the retention purge once a day (<see cref="NopSegmentsOptions.RetentionPurgeInterval"/>) while the module is installed.</summary>
internal sealed class RetentionPurger(
    RetentionPurge purge, ModuleState state, ModuleSettings settings, IOptions<NopSegmentsOptions> options, TimeProvider clock,
    ILogger<RetentionPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RetentionPurgeInterval;
        if (interval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!state.IsInstalled || settings.RetentionDays <= 0)
                continue;
            try
            {
                var result = await purge.RunAsync(settings.RetentionDays, stoppingToken);
                logger.LogInformation("Retention purge ({Days} days): {Events} events and {Profiles} anonymous profiles removed, {Refolded} profiles recomputed",
                    settings.RetentionDays, result.Events, result.Profiles, result.Refolded);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed purge runs again at the next tick; the store must not notice.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Retention purge failed");
            }
        }
    }
}
