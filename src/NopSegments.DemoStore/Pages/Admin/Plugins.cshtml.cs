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
        await RunAsync(() => plugin.InstallAsync(ct), "installed");

    public async Task<IActionResult> OnPostUninstallAsync(CancellationToken ct) =>
        await RunAsync(() => plugin.UninstallAsync(ct), "uninstalled");

    private async Task<IActionResult> RunAsync(Func<Task> step, string done)
    {
        try
        {
            await step();
            TempData["Message"] = $"{plugin.Descriptor.FriendlyName} was {done}.";
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
