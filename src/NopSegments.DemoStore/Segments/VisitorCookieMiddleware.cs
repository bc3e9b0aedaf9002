using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// Resolves the module's visitor before a page renders, so its cookies go out with the headers
/// rather than after the response has started. Does nothing while the module is uninstalled.
/// </summary>
internal sealed class VisitorCookieMiddleware(RequestDelegate next, NopSegmentsPlugin plugin)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (plugin.IsInstalled)
            _ = context.RequestServices.GetRequiredService<ICurrentVisitor>().VisitorId;
        return next(context);
    }
}
