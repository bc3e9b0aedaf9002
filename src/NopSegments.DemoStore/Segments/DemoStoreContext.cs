using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>
/// One store; its address is the current request's, or outside a request (a flow's email) Store:Url, else the address
/// the store listens on.
/// </summary>
internal sealed class DemoStoreContext(IHttpContextAccessor http, IConfiguration configuration, IServer server) : IStoreContext
{
    public const string Name = "Hearth & Holly";

    public StoreInfo Current => new("1", Name, BaseUrl(), "GBP");

    private Uri BaseUrl()
    {
        var request = http.HttpContext?.Request;
        return request is not null
            ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/")
            : new Uri(configuration["Store:Url"] ?? Listening() ?? "http://localhost:5000/");
    }

    private string? Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
    }
}
