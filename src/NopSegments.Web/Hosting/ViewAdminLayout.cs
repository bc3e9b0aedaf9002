using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NopSegments.Web.Hosting;

/// <summary>
/// The host's admin layout through a Razor view of its own: the view (model <see cref="AdminPageParts"/>) names the
/// host's layout and writes <c>Model.Head</c> and <c>Model.Body</c> unencoded where that layout wants them.
/// </summary>
/// <param name="viewPath">The view's path from the application root, e.g. <c>/Pages/Admin/ModulePage.cshtml</c>.</param>
/// <param name="area">
/// The MVC area the layout's own partials and components are found in (nopCommerce's admin layout: <c>Admin</c>).
/// </param>
public sealed class ViewAdminLayout(string viewPath, string? area = null) : IAdminLayout
{
    /// <inheritdoc />
    public Task RenderAsync(HttpContext http, AdminPageParts page)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(page);
        var executor = http.RequestServices.GetRequiredService<IActionResultExecutor<ViewResult>>();
        var modelMetadata = http.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var view = new ViewResult
        {
            ViewName = viewPath,
            ViewData = new ViewDataDictionary<AdminPageParts>(modelMetadata, new ModelStateDictionary()) { Model = page, ["Title"] = page.Title },
        };
        var route = new RouteData(http.GetRouteData());
        var descriptor = new ActionDescriptor();
        if (area is not null)
        {
            // Razor searches an area's views only for a controller: the pages act as the module's own.
            foreach (var (key, value) in new[] { ("area", area), ("controller", "NopSegments") })
                (route.Values[key], descriptor.RouteValues[key]) = (value, value);
        }
        var action = new ActionContext(http, route, descriptor);
        // Hosts whose layouts read the current action through the accessor (nopCommerce's script and style helpers).
        if (http.RequestServices.GetService<IActionContextAccessor>() is { } accessor)
            accessor.ActionContext = action;
        return executor.ExecuteAsync(action, view);
    }
}
