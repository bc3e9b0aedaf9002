using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace NopSegments.Web.Assets;

/// <summary>Serves the browser assets embedded from the repository's wwwroot/ under one path.</summary>
internal static class AssetEndpoints
{
    private const string ResourcePrefix = "NopSegments.Assets.";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapAssets(this IEndpointRouteBuilder endpoints, string assetsPath) =>
        endpoints.MapGet(assetsPath + "/{*file}", (string file, HttpContext context) =>
        {
            var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + file);
            if (stream is null)
                return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            var type = ContentTypes.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            return Results.Stream(stream, type);
        }).ExcludeFromDescription();
}
