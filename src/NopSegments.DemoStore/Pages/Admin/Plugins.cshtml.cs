using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.Web.Hosting;

namespace NopSegments.DemoStore.Pages.Admin;

internal sealed class PluginsModel(NopSegmentsPlugin plugin, ILogger<PluginsModel> logger) : PageModel
{
    public NopSegmentsPlugin Plugin => plugin;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostInstallAsync(CancellationToken ct) =>
        await RunAsync(async () =>
        {
            var history = await plugin.InstallAsync(ct);
            return history == 0 ? "" : $" Profiles were built from {history:N0} events of the store's order history.";
        }, "installed");

    public async Task<IActionResult> OnPostUninstallAsync(CancellationToken ct) =>
        await RunAsync(async () =>
        {
            await plugin.UninstallAsync(ct);
            return "";
        }, "uninstalled");

    private async Task<IActionResult> RunAsync(Func<Task<string>> step, string done)
    {
        try
        {
            var detail = await step();
            TempData["Message"] = $"{plugin.Descriptor.FriendlyName} was {done}.{detail}";
        }
#pragma warning disable CA1031 // The owner sees why it failed; the store keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Plugin {Step} failed", done);
            TempData["Error"] = $"The plugin could not be {done}: {ex.Message}";
        }
        return RedirectToPage();
    }
}
