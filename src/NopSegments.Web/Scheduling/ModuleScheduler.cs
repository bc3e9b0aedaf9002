using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Scheduling;

/// <summary>
/// Runs the module's recurring work as Hangfire recurring jobs on the job storage <see cref="SchedulerStorage"/> picks:
/// started with the host when the module is installed (or by Install), stopped with the host and before Uninstall drops
/// the storage. Every web node runs a server; the storage's locks let one node at a time run a job.
/// </summary>
internal sealed class ModuleScheduler(
    SegmentsDbContextFactory contexts, ModuleState state, IServiceScopeFactory scopes, IOptions<NopSegmentsOptions> options,
    ILogger<ModuleScheduler> logger) : IHostedService, IDisposable
{
    public const string Queue = "nopsegments";
    private readonly SemaphoreSlim gate = new(1, 1);
    private BackgroundJobServer? server;

    /// <summary>The running schedule's storage (its recurring jobs), or null while stopped.</summary>
    public JobStorage? Storage { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (state.IsInstalled)
            await StartJobsAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopJobsAsync();

    public async Task StartJobsAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (server is not null)
                return;
            var storage = SchedulerStorage.Create(contexts.Provider, contexts.ConnectionString);
            var jobs = new RecurringJobManager(storage);
            var o = options.Value;
            Schedule(jobs, "nopsegments-flows", o.FlowInterval, w => w.RunFlowsAsync(CancellationToken.None));
            Schedule(jobs, "nopsegments-segment-sweep", o.SweepInterval, w => w.SweepSegmentsAsync(CancellationToken.None));
            Schedule(jobs, "nopsegments-retention-purge", o.RetentionPurgeInterval, w => w.PurgeAsync(CancellationToken.None));
            var shortest = new[] { o.FlowInterval, o.SweepInterval, o.RetentionPurgeInterval }.Where(i => i > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromMinutes(1)).Min();
            server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = $"nopsegments:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
                WorkerCount = 2, Queues = [Queue], Activator = new ScopedJobActivator(scopes),
                SchedulePollingInterval = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 2, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(15).Ticks)),
            }, storage);
            Storage = storage;
            logger.LogInformation("Scheduler started on {Storage}", storage.GetType().Name);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task StopJobsAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (server is null)
                return;
            // Dispose waits for the running jobs to see their cancellation and end.
            server.SendStop();
            await Task.Run(server.Dispose);
            (server, Storage) = (null, null);
        }
        finally
        {
            gate.Release();
        }
    }

    // The gate is left to the collector: a host torn down without stopping may still call StopAsync after this.
    public void Dispose()
    {
        server?.Dispose();
        server = null;
    }

    private static void Schedule(RecurringJobManager jobs, string id, TimeSpan every, System.Linq.Expressions.Expression<Func<ScheduledWork, Task>> work)
    {
        if (every <= TimeSpan.Zero)
            jobs.RemoveIfExists(id);
        else
            jobs.AddOrUpdate(id, Queue, work, Cron(every));
    }

    /// <summary>The interval as a cron expression with seconds, rounded to what cron can say (every N seconds, minutes, hours; daily).</summary>
    internal static string Cron(TimeSpan every) => every switch
    {
        _ when every < TimeSpan.FromMinutes(1) => $"*/{Math.Max(1, (int)every.TotalSeconds)} * * * * *",
        _ when every < TimeSpan.FromHours(1) => $"0 */{(int)every.TotalMinutes} * * * *",
        _ when every < TimeSpan.FromDays(1) => $"0 0 */{(int)every.TotalHours} * * *",
        _ => "0 0 0 * * *",
    };
}
