using System.Globalization;
using Nop.Core.Domain.Customers;
using Nop.Services.Customers;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Roles;

/// <summary>
/// Keeps a nopCommerce customer role per saved segment ("Segment: Cart abandoners", system name
/// <c>NopSegments.cart-abandoners</c>) whose members are the segment's customers, so nopCommerce's discount requirements
/// and access lists can use a segment. Members who entered are added, those who left removed; a deleted segment's role goes.
/// </summary>
public sealed class SegmentRoles(NopSegmentsPlugin module, ICustomerService customers)
{
    public const string SystemNamePrefix = "NopSegments.";

    public async Task SyncAsync(CancellationToken ct = default)
    {
        var segments = await module.SegmentCustomersAsync(ct);
        foreach (var segment in segments)
        {
            var role = await RoleAsync(segment.Slug, segment.Name);
            var wanted = segment.CustomerIds.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .Where(n => n > 0).ToHashSet();
            var current = (await customers.GetAllCustomersAsync(customerRoleIds: [role.Id])).ToDictionary(c => c.Id);
            foreach (var id in wanted.Where(id => !current.ContainsKey(id)))
            {
                if (await customers.GetCustomerByIdAsync(id) is { Deleted: false })
                    await customers.AddCustomerRoleMappingAsync(new CustomerCustomerRoleMapping { CustomerId = id, CustomerRoleId = role.Id });
            }
            foreach (var (id, customer) in current.Where(c => !wanted.Contains(c.Key)))
                await customers.RemoveCustomerRoleMappingAsync(customer, role);
        }
        var kept = segments.Select(s => SystemNamePrefix + s.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var role in await OwnRolesAsync())
        {
            if (!kept.Contains(role.SystemName))
                await customers.DeleteCustomerRoleAsync(role);
        }
    }

    /// <summary>Removes every role the plugin made (uninstall).</summary>
    public async Task RemoveAllAsync()
    {
        foreach (var role in await OwnRolesAsync())
            await customers.DeleteCustomerRoleAsync(role);
    }

    private async Task<IEnumerable<CustomerRole>> OwnRolesAsync() =>
        (await customers.GetAllCustomerRolesAsync(showHidden: true)).Where(r => r.SystemName?.StartsWith(SystemNamePrefix, StringComparison.Ordinal) == true);

    private async Task<CustomerRole> RoleAsync(string slug, string name)
    {
        var systemName = SystemNamePrefix + slug;
        if (await customers.GetCustomerRoleBySystemNameAsync(systemName) is { } role)
        {
            if (role.Name != $"Segment: {name}")
            {
                role.Name = $"Segment: {name}";
                await customers.UpdateCustomerRoleAsync(role);
            }
            return role;
        }
        role = new CustomerRole { Name = $"Segment: {name}", SystemName = systemName, Active = true, IsSystemRole = false };
        await customers.InsertCustomerRoleAsync(role);
        return role;
    }
}
