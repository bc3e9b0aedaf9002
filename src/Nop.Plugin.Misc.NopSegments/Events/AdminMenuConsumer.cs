using Nop.Services.Events;
using Nop.Services.Localization;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Menu;
using NopSegmentsPlugin = NopSegments.Web.Hosting.NopSegmentsPlugin;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>The module's pages in nopCommerce's admin menu, for those who hold "Manage NopSegments", while it is installed.</summary>
internal sealed class AdminMenuConsumer(NopSegmentsPlugin module, ILocalizationService localization) : IConsumer<AdminMenuCreatedEvent>
{
    public async Task HandleEventAsync(AdminMenuCreatedEvent eventMessage)
    {
        if (!module.IsInstalled)
            return;
        var root = new AdminMenuItem
        {
            SystemName = NopSegmentsDefaults.SystemName, Title = await localization.GetResourceAsync($"{NopSegmentsDefaults.LocalePrefix}.Menu"),
            IconClass = "far fa-dot-circle", PermissionNames = [NopSegmentsDefaults.ManagePermission],
        };
        foreach (var item in module.AdminMenu)
        {
            root.ChildNodes.Add(new AdminMenuItem
            {
                SystemName = $"{NopSegmentsDefaults.SystemName}.{item.Title}", Title = item.Title, Url = item.Url, IconClass = "far fa-circle",
                PermissionNames = [NopSegmentsDefaults.ManagePermission],
            });
        }
        eventMessage.RootMenuItem.ChildNodes.Add(root);
    }
}
