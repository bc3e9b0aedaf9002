using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Lifecycle;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Hosting;

/// <summary>Reads the install state once before the host takes requests, and warns about what would lose visitors.</summary>
internal sealed class ModuleStateLoader(
    ModuleLifecycle lifecycle, ModuleState state, ModuleSettings settings, IServiceProvider services, ILogger<ModuleStateLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (KeyPersistenceCheck.Check(services) is { } warning)
            logger.LogWarning("{Warning}", warning);
        state.Set(await lifecycle.IsInstalledAsync(cancellationToken));
        if (state.IsInstalled)
            await settings.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
