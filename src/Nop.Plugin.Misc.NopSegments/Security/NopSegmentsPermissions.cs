using Nop.Core.Domain.Customers;
using Nop.Services.Security;

namespace Nop.Plugin.Misc.NopSegments.Security;

/// <summary>
/// The plugin's own permission, "Manage NopSegments", granted to administrators at install; a shop owner gives it to
/// the merchandisers' role under Configuration > Access control without giving them the plugin list.
/// nopCommerce finds this class at start and adds what is missing.
/// </summary>
public sealed class NopSegmentsPermissions : IPermissionConfigManager
{
    public IList<PermissionConfig> AllConfigs =>
    [
        new("Admin area. Manage NopSegments (profiles, segments, flows, campaigns)", NopSegmentsDefaults.ManagePermission,
            nameof(StandardPermission.Configuration), NopCustomerDefaults.AdministratorsRoleName),
    ];
}
