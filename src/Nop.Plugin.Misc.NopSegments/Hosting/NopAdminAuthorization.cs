using System.Security.Claims;
using Nop.Core;
using Nop.Services.Security;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>The module's admin pages are for whoever may open nopCommerce's admin and holds "Manage NopSegments".</summary>
internal sealed class NopAdminAuthorization(IPermissionService permissions, IWorkContext work) : IAdminAuthorization
{
    public async Task<bool> IsAdminAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var customer = await work.GetCurrentCustomerAsync();
        return await permissions.AuthorizeAsync(StandardPermission.Security.ACCESS_ADMIN_PANEL, customer)
            && await permissions.AuthorizeAsync(NopSegmentsDefaults.ManagePermission, customer);
    }
}
