using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>
/// Puts a module admin page inside the host's admin layout when the host has one: the page renders as usual into a
/// buffer, and its head and body parts (between AdminPage's markers) go to <see cref="IAdminLayout"/>. Anything else —
/// a redirect, a download, an error, JSON — passes through untouched.
/// </summary>
internal sealed class InHostLayout(IResult page, IAdminLayout layout) : IResult
{
    private const string TitleSuffix = " · NopSegments";

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        // Only pages are wrapped (handlers answer a union, Results<…>, around them): a download or JSON is never
        // buffered on its way out.
        var page = result is INestedHttpResult nested ? nested.Result : result as IResult;
        return page is RazorComponentResult && HttpMethods.IsGet(http.Request.Method) && http.RequestServices.GetService<IAdminLayout>() is { } layout
            ? new InHostLayout(page, layout) : result;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await page.ExecuteAsync(httpContext);
        }
        finally
        {
            response.Body = original;
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (response.StatusCode != StatusCodes.Status200OK || response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true
            || Parts(html) is not { } parts)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, httpContext.RequestAborted);
            return;
        }
        response.ContentLength = null;
        await layout.RenderAsync(httpContext, parts);
    }

    public static AdminPageParts? Parts(string html)
    {
        var head = Between(html, "<!--ns-head-->", "<!--/ns-head-->");
        var body = Between(html, "<!--ns-body-->", "<!--/ns-body-->");
        var title = Between(html, "<title>", "</title>");
        if (head is null || body is null || title is null)
            return null;
        title = WebUtility.HtmlDecode(title);
        return new AdminPageParts(title.EndsWith(TitleSuffix, StringComparison.Ordinal) ? title[..^TitleSuffix.Length] : title, head,
            $"<div class=\"ns-admin ns-in-host\">{body}</div>");
    }

    private static string? Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : html.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? null : html[(from + start.Length)..to];
    }
}
