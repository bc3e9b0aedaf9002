using System.Buffers;
using System.IO.Pipelines;
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
        // The tracker's small body nearly always came in with its headers: taken as it is, without an asynchronous
        // read. Only the first look may be TryRead: once a part has been examined it would hand the same part back.
        if (reader.TryRead(out var ready) && Take(reader, ready, limit, out var body))
            return body;
        while (true)
        {
            if (Take(reader, await reader.ReadAsync(ct), limit, out body))
                return body;
        }
    }

    /// <summary>True with the body (null when too large) once it is all there; false after marking a part examined.</summary>
    private static bool Take(PipeReader reader, ReadResult result, int limit, out byte[]? body)
    {
        var buffer = result.Buffer;
        body = null;
        if (buffer.Length > limit)
        {
            reader.AdvanceTo(buffer.End);
            return true;
        }
        if (result.IsCompleted || result.IsCanceled)
        {
            body = buffer.ToArray();
            reader.AdvanceTo(buffer.End);
            return true;
        }
        reader.AdvanceTo(buffer.Start, buffer.End);
        return false;
    }
}
