using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Web.Scheduling;
using NopSegments.Data.Ingestion;
using NopSegments.Hosting;
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

    private readonly OrderHistoryBackfill backfill;
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleScheduler scheduler;
    private readonly Campaigns.LiveCampaigns campaigns;

    internal NopSegmentsPlugin(
        ModuleLifecycle lifecycle, ModuleState state, ModuleSettings settings, OrderHistoryBackfill backfill,
        IServiceScopeFactory scopes, ModuleScheduler scheduler, Campaigns.LiveCampaigns campaigns, IOptions<NopSegmentsOptions> options)
    {
        this.campaigns = campaigns;
        this.scheduler = scheduler;
        this.backfill = backfill;
        this.scopes = scopes;
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
        IsInstalled
            ?
            [
                new AdminMenuItem("Profiles", $"{options.AdminPath}/profiles"),
                new AdminMenuItem("Segments", $"{options.AdminPath}/segments"),
                new AdminMenuItem("Flows", $"{options.AdminPath}/flows"),
                new AdminMenuItem("Campaigns", $"{options.AdminPath}/campaigns"),
                new AdminMenuItem("Store events", $"{options.AdminPath}/events"),
            ]
            : [];

    /// <summary>
    /// The browser tracker's script tags (events, and offers), for the host to render at the end of every storefront page
    /// (nopCommerce's <c>body_end_html_tag_before</c> zone); empty while uninstalled.
    /// </summary>
    public HtmlString TrackerScript => TrackerScriptFor(null, null);

    /// <summary>
    /// The tracker's script tags for a page of this type (product, category, home, cart, checkout, search) and category,
    /// which pop-up and top-bar campaigns may target.
    /// </summary>
    public HtmlString TrackerScriptFor(string? pageType, string? category)
    {
        if (!IsInstalled)
            return HtmlString.Empty;
        // Until the live campaigns are first read, the tracker asks for both; afterwards only for what has campaigns.
        var slots = campaigns.Current is { } live
            ? string.Join(',', new[] { Data.Campaigns.CampaignPlacement.TopBar, Data.Campaigns.CampaignPlacement.Popup }.Where(live.Decider.HasSlot))
            : $"{Data.Campaigns.CampaignPlacement.TopBar},{Data.Campaigns.CampaignPlacement.Popup}";
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        return new HtmlString(
            $"<script src=\"{options.AssetsPath}/tracker.js\" data-endpoint=\"{options.TrackPath}\" data-identify=\"{options.IdentifyPath}\" " +
            $"data-identify-field=\"{encode.Encode(options.CheckoutEmailField)}\" data-consent-field=\"{encode.Encode(options.CheckoutConsentField)}\" " +
            $"data-consent=\"{settings.ConsentMode}\" data-dnt=\"{(settings.HonourDoNotTrack ? "honour" : "ignore")}\" defer></script>" +
            $"<script src=\"{options.AssetsPath}/offers.js\" data-offers=\"{options.OffersPath}\" data-slots=\"{slots}\" data-css=\"{options.AssetsPath}/offers.css\" " +
            $"data-page-type=\"{encode.Encode(pageType ?? "")}\" data-category=\"{encode.Encode(category ?? "")}\" defer></script>");
    }

    /// <summary>
    /// Every saved segment with the ids of its members the host knows as customers, for a host that mirrors segments into
    /// its own customer groups; empty while uninstalled.
    /// </summary>
    public async Task<IReadOnlyList<Data.Segments.SegmentCustomerList>> SegmentCustomersAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
            return [];
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.Segments.SegmentCustomers>().ListAsync(cancellationToken);
    }

    /// <summary>
    /// For a host that deletes customers without telling the module (in bulk, with no event per customer): asks
    /// <paramref name="stillKnown"/>, a page of customer ids at a time, which the host still has, and turns the profiles of
    /// the others back into anonymous visitors (history kept, customer id dropped). Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseDeletedCustomersAsync(
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyCollection<string>>> stillKnown, CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
            return 0;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.Profiles.CustomerLinks>().ReleaseUnknownAsync(stillKnown, cancellationToken);
    }

    /// <summary>
    /// What a widget zone of the host shows the request's visitor: their offer's HTML, a hidden box the tracker arms, a
    /// placeholder when <see cref="NopSegmentsOptions.CachedPages"/> (or <paramref name="cached"/>) says pages are shared,
    /// or nothing. Never throws for an offer's sake: a failure leaves the zone empty and is logged.
    /// </summary>
    public async Task<HtmlString> OfferZoneAsync(Microsoft.AspNetCore.Http.HttpContext http, string zone, Campaigns.PageFacts page, bool? cached = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        ArgumentNullException.ThrowIfNull(page);
        if (!IsInstalled)
            return HtmlString.Empty;
        if (cached ?? options.CachedPages)
            return new HtmlString(Campaigns.OfferZoneMarkup.Placeholder(zone, page));
        return new HtmlString(await Campaigns.OfferZoneMarkup.RenderAsync(http, zone, page, http.RequestAborted));
    }

    /// <summary>
    /// Creates the module's tables and default settings, then builds profiles from the host's order
    /// history when it offers one (<see cref="IOrderHistory"/>); harmless when already installed.
    /// </summary>
    /// <returns>How many history events were stored.</returns>
    public async Task<long> InstallAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.InstallAsync(cancellationToken);
        await settings.ReloadAsync(cancellationToken);
        campaigns.Invalidate();
        state.Set(true);
        await scheduler.StartJobsAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetService<IOrderHistory>() is { } history
            ? await backfill.RunAsync(history, cancellationToken)
            : 0;
    }

    /// <summary>Removes every table, index and setting the module added.</summary>
    public async Task UninstallAsync(CancellationToken cancellationToken = default)
    {
        // Stop tracking and the scheduled work first so nothing races the dropped tables.
        state.Set(false);
        await scheduler.StopJobsAsync();
        try
        {
            await lifecycle.UninstallAsync(cancellationToken);
        }
        catch
        {
            state.Set(await lifecycle.IsInstalledAsync(CancellationToken.None));
            if (state.IsInstalled)
                await scheduler.StartJobsAsync(CancellationToken.None);
            throw;
        }
    }
}
