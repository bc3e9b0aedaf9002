using System.Security.Claims;

namespace NopSegments.Hosting;

/// <summary>The host decides who may use the module's admin pages and API.</summary>
public interface IAdminAuthorization
{
    /// <summary>True when this user may manage the module.</summary>
    Task<bool> IsAdminAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
