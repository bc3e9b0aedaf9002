using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Hosting;

/// <summary>
/// Optional host contract: the host's own admin layout (its sidebar and menu) around the module's admin pages. Without
/// it the pages are whole documents with the module's own top bar.
/// </summary>
public interface IAdminLayout
{
    /// <summary>Writes <paramref name="page"/> inside the host's admin layout as the response to <paramref name="http"/>.</summary>
    Task RenderAsync(HttpContext http, AdminPageParts page);
}

/// <summary>
/// One module admin page in parts: its title, what goes in the document's head (stylesheets), and its content with the
/// scripts it runs (all of it under an element of class <c>ns-admin</c>, which scopes the module's styles).
/// </summary>
public sealed record AdminPageParts(string Title, string Head, string Body);
