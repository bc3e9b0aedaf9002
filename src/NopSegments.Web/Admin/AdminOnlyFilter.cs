using Microsoft.AspNetCore.Http;
using NopSegments.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>The host decides who is an admin; anonymous users are sent to the host's login.</summary>
internal sealed class AdminOnlyFilter(IAdminAuthorization authorization) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
            return TypedResults.Challenge();
        if (!await authorization.IsAdminAsync(user, context.HttpContext.RequestAborted))
            return TypedResults.Forbid();
        return await next(context);
    }
}
