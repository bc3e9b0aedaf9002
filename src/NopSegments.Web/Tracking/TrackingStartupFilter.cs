using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Puts the tracking endpoint ahead of the host's pipeline. The tracker posts on every page a shopper sees, and the
/// store's error pages, static files, routing and authentication have nothing to do with its JSON; on the demo store
/// they were a tenth of the endpoint's CPU. The host's forwarded-headers settings still apply, so the visitor's address
/// (rate limits, country) is the client's behind a proxy too.
/// </summary>
internal sealed class TrackingStartupFilter(IOptions<NopSegmentsOptions> options, TrackingEndpoint endpoint) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var path = new PathString(options.Value.TrackPath);
        app.MapWhen(c => c.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase), branch =>
        {
            branch.UseForwardedHeaders();
            branch.Run(endpoint.HandleAsync);
        });
        next(app);
    };
}
