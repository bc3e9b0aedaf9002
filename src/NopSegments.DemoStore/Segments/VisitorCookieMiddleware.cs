using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// Resolves the module's visitor and session before a page renders, so their cookies go out with the
/// headers rather than after the response has started, and the session starts on its landing page.
/// Does nothing while the module is uninstalled; the module's own endpoints manage the cookies themselves.
/// </summary>
internal sealed class VisitorCookieMiddleware(RequestDelegate next, NopSegmentsPlugin plugin)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (plugin.IsInstalled && !context.Request.Path.StartsWithSegments("/nopsegments"))
        {
            // The landing request starts the session, so its UTM tags and referrer decide the source.
            var visitor = context.RequestServices.GetRequiredService<ICurrentVisitor>();
            if (visitor.MayTrack)
            {
                _ = visitor.VisitorId;
                _ = visitor.Session;
            }
        }
        return next(context);
    }
}
