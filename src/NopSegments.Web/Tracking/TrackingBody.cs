using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Tracking;

/// <summary>Reads a request body up to a limit, whether or not the client declared its length.</summary>
internal static class TrackingBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
            return null;
        // Straight from Kestrel's pipe: one array of the body's size, no intermediate stream or chunk buffers.
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
