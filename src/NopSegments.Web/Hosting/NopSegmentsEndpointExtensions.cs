using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Web.Admin;
using NopSegments.Web.Assets;

namespace NopSegments.Web.Hosting;

/// <summary>The module's endpoints.</summary>
public static class NopSegmentsEndpointExtensions
{
    /// <summary>Maps the module's admin pages and browser assets (the tracking endpoint runs ahead of the pipeline).</summary>
    public static IEndpointRouteBuilder MapNopSegments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<NopSegmentsOptions>>().Value;
        endpoints.MapAdminPages(options);
        endpoints.MapAssets(options.AssetsPath);
        endpoints.MapGet(options.UnsubscribePath, Flows.UnsubscribeEndpoint.HandleAsync);
        endpoints.MapPost(options.IdentifyPath, Tracking.IdentifyEndpoint.HandleAsync);
        endpoints.MapGet(options.EmailTrackingPath + "/open", Flows.EmailTrackingEndpoints.OpenAsync);
        endpoints.MapGet(options.EmailTrackingPath + "/click", Flows.EmailTrackingEndpoints.ClickAsync);
        endpoints.MapGet(options.OffersPath, Campaigns.OfferEndpoints.ListAsync);
        endpoints.MapPost(options.OffersPath + "/{action}", Campaigns.OfferEndpoints.ReportAsync);
        return endpoints;
    }
}
