using System.Security.Claims;
using NopSegments.DemoStore.Customers;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>The store's administrators manage the module.</summary>
internal sealed class StoreAdminAuthorization : IAdminAuthorization
{
    public Task<bool> IsAdminAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        Task.FromResult(user.IsInRole(Customer.AdministratorsRole));
}
