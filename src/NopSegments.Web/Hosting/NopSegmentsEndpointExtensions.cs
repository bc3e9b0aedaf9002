using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Web.Admin;
using NopSegments.Web.Assets;
using NopSegments.Web.Tracking;

namespace NopSegments.Web.Hosting;

/// <summary>The module's endpoints.</summary>
public static class NopSegmentsEndpointExtensions
{
    /// <summary>Maps the module's admin pages, browser assets and tracking endpoint.</summary>
    public static IEndpointRouteBuilder MapNopSegments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<NopSegmentsOptions>>().Value;
        endpoints.MapAdminPages(options);
        endpoints.MapAssets(options.AssetsPath);
        endpoints.MapTracking(options.TrackPath);
        return endpoints;
    }
}
