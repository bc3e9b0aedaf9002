using Microsoft.AspNetCore.Routing;
using Nop.Web.Framework.Mvc.Routing;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Infrastructure;

/// <summary>The module's admin pages, assets, offer and email endpoints on nopCommerce's endpoint routing.</summary>
public sealed class RouteProvider : IRouteProvider
{
    public int Priority => 100;

    public void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder) => endpointRouteBuilder.MapNopSegments();
}
