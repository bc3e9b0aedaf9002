using Microsoft.Extensions.Hosting;
using NopSegments.Data.Lifecycle;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Hosting;

/// <summary>Reads the install state once before the host takes requests.</summary>
internal sealed class ModuleStateLoader(ModuleLifecycle lifecycle, ModuleState state, ModuleSettings settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        state.Set(await lifecycle.IsInstalledAsync(cancellationToken));
        if (state.IsInstalled)
            await settings.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
