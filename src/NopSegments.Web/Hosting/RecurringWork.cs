using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NopSegments.Web.Hosting;

/// <summary>
/// Work the module repeats on a timer while it is installed (segment sweep, flows, retention purge). A run that fails is
/// logged and tried at the next tick; the store never notices.
/// </summary>
internal abstract class RecurringWork(ModuleState state, ILogger logger) : BackgroundService
{
    /// <summary>Time between runs; zero or less turns the work off.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>The clock the timer follows; null for real time.</summary>
    protected virtual TimeProvider? Clock => null;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
            return;
        using var timer = Clock is { } clock ? new PeriodicTimer(Interval, clock) : new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!state.IsInstalled)
                continue;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run is tried again at the next tick; the store must not notice.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "{Work} failed", GetType().Name);
            }
        }
    }
}
