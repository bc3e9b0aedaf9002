using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>One store; its address is the current request's, or Store:Url outside a request.</summary>
internal sealed class DemoStoreContext(IHttpContextAccessor http, IConfiguration configuration) : IStoreContext
{
    public const string Name = "Hearth & Holly";

    public StoreInfo Current => new("1", Name, BaseUrl(), "GBP");

    private Uri BaseUrl()
    {
        var request = http.HttpContext?.Request;
        return request is not null
            ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/")
            : new Uri(configuration["Store:Url"] ?? "http://localhost:5000/");
    }
}
