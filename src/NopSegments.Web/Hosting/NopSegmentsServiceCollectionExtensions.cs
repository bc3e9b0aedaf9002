using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Flows;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Profiles;
using NopSegments.Data.Privacy;
using NopSegments.Data.Segments;
using NopSegments.Privacy;
using NopSegments.Web.Privacy;
using NopSegments.Data.Tracking;
using NopSegments.Tracking;
using NopSegments.Web.Admin;
using NopSegments.Web.Flows;
using NopSegments.Web.Scheduling;
using NopSegments.Web.Tracking;
using NopSegments.Web.Settings;
using NopSegments.Web.Visitors;

namespace NopSegments.Web.Hosting;

/// <summary>The module's registration; the host also registers its adapters for the host contract.</summary>
public static class NopSegmentsServiceCollectionExtensions
{
    /// <summary>Adds the module. The host must register the host contract's interfaces.</summary>
    public static IServiceCollection AddNopSegments(this IServiceCollection services, Action<NopSegmentsOptions> configure)
    {
        services.AddOptions<NopSegmentsOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "NopSegments needs a connection string");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDataProtection();
        services.AddRazorComponents();

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<NopSegmentsOptions>>().Value;
            return new SegmentsDbContextFactory(o.Provider, o.ConnectionString);
        });
        services.AddSingleton<ModuleLifecycle>();
        services.AddSingleton<ModuleState>();
        services.AddSingleton(sp => new NopSegmentsPlugin(
            sp.GetRequiredService<ModuleLifecycle>(), sp.GetRequiredService<ModuleState>(), sp.GetRequiredService<ModuleSettings>(),
            sp.GetRequiredService<OrderHistoryBackfill>(), sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ModuleScheduler>(), sp.GetRequiredService<Campaigns.LiveCampaigns>(), sp.GetRequiredService<IOptions<NopSegmentsOptions>>()));
        services.AddSingleton<OrderHistoryBackfill>();
        services.AddSingleton<ModuleSettings>();
        services.AddHostedService<ModuleStateLoader>();

        services.AddSingleton<EventStore>();
        services.AddSingleton<ProfileList>();
        services.AddSingleton<ProfileQueries>();
        services.AddSingleton<ProfileTraits>();
        services.AddSingleton<IngestionWriter>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<ISegmentsTracker>(sp => sp.GetRequiredService<EventQueue>());
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<WriterStatus>();
        services.AddSingleton<BatchStorage>();
        services.AddSingleton<DeadLetterRetry>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<FlushedPersonalData>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<FlushedPersonalData>());
        services.AddSingleton<FlowStore>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<FlowTriggers>();
        services.AddSingleton<FlowConditions>();
        services.AddSingleton<FlowEntrance>();
        services.AddSingleton<FlowAttribution>();
        services.AddSingleton<FlowReport>();
        services.AddSingleton<FlowSendLedger>();
        services.AddSingleton<FlowStepRunner>();
        services.AddSingleton<FlowRunner>();
        services.AddSingleton<EmailTrackingLinks>();
        services.AddSingleton<IFlowChannel, EmailChannel>();
        services.AddSingleton<IFlowChannel, SmsChannel>();
        services.AddSingleton<IFlowChannel, WebhookChannel>();
        services.AddHttpClient(ChannelEndpoint.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ScheduledWork>();
        services.AddSingleton<ModuleScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ModuleScheduler>());
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<EventWriter>();
        services.AddSingleton<TrackingLimiter>();
        services.AddSingleton<TrackingEndpoint>();
        services.AddTransient<IStartupFilter, TrackingStartupFilter>();
        services.AddSingleton<SavedSegments>();
        services.AddSingleton<SegmentActivity>();
        services.AddSingleton<ProfileSnapshots>();
        // The segment editor's forms carry the host's antiforgery token; a host without MVC still gets the service.
        services.AddAntiforgery();
        services.AddSingleton<SegmentSweep>();
        services.AddSingleton<SegmentCustomers>();
        services.AddSingleton<SegmentMemberExport>();
        services.AddSingleton<KnownValues>();
        services.AddSingleton<SegmentInsights>();
        services.AddSingleton<Admin.StoreValues>();
        services.AddSingleton<Admin.PreviewRuns>();
        services.AddSingleton<Data.Profiles.CustomerLinks>();
        services.AddSingleton<Data.Campaigns.CampaignStore>();
        services.AddSingleton<Data.Campaigns.OfferLedger>();
        services.AddSingleton<Data.Campaigns.CampaignResults>();
        services.AddSingleton<Campaigns.LiveCampaigns>();
        services.AddSingleton<Campaigns.OfferPeople>();
        services.AddSingleton<Campaigns.OfferTokens>();
        services.AddSingleton<Campaigns.PageOffers>();
        services.AddSingleton<CampaignOverview>();

        services.AddScoped<ICurrentVisitor, VisitorCookies>();
        services.AddSingleton<GeoLocator>();
        services.AddSingleton<VisitorCookieProtector>();
        services.AddScoped<AdminOnlyFilter>();
        return services;
    }
}
