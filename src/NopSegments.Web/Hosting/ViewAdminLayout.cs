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
public sealed class ViewAdminLayout(string viewPath) : IAdminLayout
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
        var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        return executor.ExecuteAsync(action, view);
    }
}
