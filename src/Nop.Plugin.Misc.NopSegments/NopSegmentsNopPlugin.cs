using Nop.Core.Domain.Cms;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Services.ScheduleTasks;
using Nop.Services.Cms;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Plugins;
using Nop.Services.Security;
using Nop.Plugin.Misc.NopSegments.Components;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments;

/// <summary>
/// NopSegments as nopCommerce installs it from Local plugins: install creates the module's tables in nopCommerce's own
/// database (and builds profiles from its order history), adds the locale resources, the "Manage NopSegments"
/// permission, the flow email's message template, turns its widgets on and schedules the task that mirrors segments into
/// customer roles; uninstall undoes each of them, roles and module tables included.
/// </summary>
public sealed class NopSegmentsNopPlugin(
    NopSegmentsPlugin module, ILocalizationService localization, ISettingService settings, WidgetSettings widgets, IScheduleTaskService tasks,
    Roles.SegmentRoles roles, IPermissionService permissions, Messages.FlowMessageTemplate flowTemplate,
    Customers.NopGuestContacts guests) : BasePlugin, IMiscPlugin, IWidgetPlugin
{
    public bool HideInWidgetList => false;

    public override string GetConfigurationPageUrl() => "/admin/nopsegments/segments";

    public Task<IList<string>> GetWidgetZonesAsync() =>
        Task.FromResult<IList<string>>([NopSegmentsDefaults.TrackerZone, .. NopSegmentsDefaults.OfferZones]);

    public Type GetWidgetViewComponent(string widgetZone) =>
        widgetZone == NopSegmentsDefaults.TrackerZone ? typeof(TrackerViewComponent) : typeof(OfferZoneViewComponent);

    public override async Task InstallAsync()
    {
        await module.InstallAsync();
        await localization.AddOrUpdateLocaleResourceAsync(LocaleResources.All);
        await permissions.InsertPermissionsAsync();
        await flowTemplate.InstallAsync();
        if (!widgets.ActiveWidgetSystemNames.Contains(NopSegmentsDefaults.SystemName))
        {
            widgets.ActiveWidgetSystemNames.Add(NopSegmentsDefaults.SystemName);
            await settings.SaveSettingAsync(widgets);
        }
        if (await tasks.GetTaskByTypeAsync(Roles.SegmentRolesTask.TypeName) is null)
        {
            await tasks.InsertTaskAsync(new ScheduleTask
            {
                Name = Roles.SegmentRolesTask.Name, Type = Roles.SegmentRolesTask.TypeName, Seconds = 300, Enabled = true, LastEnabledUtc = DateTime.UtcNow,
            });
        }
        await base.InstallAsync();
    }

    public override async Task UninstallAsync()
    {
        if (widgets.ActiveWidgetSystemNames.Remove(NopSegmentsDefaults.SystemName))
            await settings.SaveSettingAsync(widgets);
        await localization.DeleteLocaleResourcesAsync(NopSegmentsDefaults.LocalePrefix);
        await permissions.DeletePermissionAsync(NopSegmentsDefaults.ManagePermission);
        await flowTemplate.UninstallAsync();
        if (await tasks.GetTaskByTypeAsync(Roles.SegmentRolesTask.TypeName) is { } task)
            await tasks.DeleteTaskAsync(task);
        await roles.RemoveAllAsync();
        await guests.ForgetAllAsync();
        await module.UninstallAsync();
        await base.UninstallAsync();
    }
}
