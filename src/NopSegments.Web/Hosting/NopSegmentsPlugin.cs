using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;
using NopSegments.Data.Lifecycle;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Hosting;

/// <summary>The module as a host's plugin admin sees it: its manifest, install state, and lifecycle.</summary>
public sealed class NopSegmentsPlugin
{
    private readonly ModuleLifecycle lifecycle;
    private readonly ModuleState state;
    private readonly ModuleSettings settings;
    private readonly NopSegmentsOptions options;

    internal NopSegmentsPlugin(ModuleLifecycle lifecycle, ModuleState state, ModuleSettings settings, IOptions<NopSegmentsOptions> options)
    {
        this.lifecycle = lifecycle;
        this.state = state;
        this.settings = settings;
        this.options = options.Value;
    }

    /// <summary>The manifest.</summary>
    public PluginDescriptor Descriptor { get; } = PluginDescriptor.Load();

    /// <summary>True while the module is installed; cheap enough for every request.</summary>
    public bool IsInstalled => state.IsInstalled;

    /// <summary>The admin pages to show in the host's menu while installed.</summary>
    public IReadOnlyList<AdminMenuItem> AdminMenu =>
        IsInstalled ? [new AdminMenuItem("Store events", $"{options.AdminPath}/events")] : [];

    /// <summary>
    /// The browser tracker's script tag, for the host to render at the end of every storefront page
    /// (nopCommerce's <c>body_end_html_tag_before</c> zone); empty while uninstalled.
    /// </summary>
    public HtmlString TrackerScript => IsInstalled
        ? new HtmlString($"<script src=\"{options.AssetsPath}/tracker.js\" data-endpoint=\"{options.TrackPath}\" " +
            $"data-consent=\"{settings.ConsentMode}\" data-dnt=\"{(settings.HonourDoNotTrack ? "honour" : "ignore")}\" defer></script>")
        : HtmlString.Empty;

    /// <summary>Creates the module's tables and default settings; harmless when already installed.</summary>
    public async Task InstallAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.InstallAsync(cancellationToken);
        await settings.ReloadAsync(cancellationToken);
        state.Set(true);
    }

    /// <summary>Removes every table, index and setting the module added.</summary>
    public async Task UninstallAsync(CancellationToken cancellationToken = default)
    {
        // Stop tracking first so no new event races the dropped tables.
        state.Set(false);
        try
        {
            await lifecycle.UninstallAsync(cancellationToken);
        }
        catch
        {
            state.Set(await lifecycle.IsInstalledAsync(CancellationToken.None));
            throw;
        }
    }
}
