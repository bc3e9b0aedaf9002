using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Privacy;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Privacy;

/// <summary>Runs the retention purge once a day (<see cref="NopSegmentsOptions.RetentionPurgeInterval"/>) while the module is installed.</summary>
internal sealed class RetentionPurger(
    RetentionPurge purge, ModuleState state, ModuleSettings settings, IOptions<NopSegmentsOptions> options, TimeProvider clock,
    ILogger<RetentionPurger> logger) : RecurringWork(state, logger)
{
    protected override TimeSpan Interval => options.Value.RetentionPurgeInterval;

    protected override TimeProvider Clock => clock;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        if (settings.RetentionDays <= 0)
            return;
        var result = await purge.RunAsync(settings.RetentionDays, ct);
        logger.LogInformation("Retention purge ({Days} days): {Events} events and {Profiles} anonymous profiles removed, {Refolded} profiles recomputed",
            settings.RetentionDays, result.Events, result.Profiles, result.Refolded);
    }
}
