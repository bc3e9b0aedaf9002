using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Visitors;

/// <summary>
/// One cookie's value read straight from the request's Cookie header. ASP.NET Core's cookie collection parses every
/// cookie of the header into a dictionary on first use (~1.2 µs of the tracker's requests, more with the dozen
/// cookies a store usually sets); the tracker posts on every page and needs two of them. It reads them as the
/// collection does (a test holds the two side by side): pairs split by ';', names without regard to case, the last
/// non-empty pair of a name wins, %-escapes decoded.
/// </summary>
internal static class CookieHeader
{
    /// <summary>The cookie's value, or null when the request has none.</summary>
    public static string? Value(HttpRequest request, string name)
    {
        var raw = Raw(request, name);
        return raw.IsEmpty ? null : Decoded(raw);
    }

    /// <summary>A raw value as the browser meant it: its %-escapes decoded.</summary>
    public static string Decoded(ReadOnlySpan<char> raw) => raw.Contains('%') ? Uri.UnescapeDataString(raw.ToString()) : raw.ToString();

    /// <summary>The cookie's value as the header carries it (%-escapes not decoded), empty when the request has none.</summary>
    public static ReadOnlySpan<char> Raw(HttpRequest request, string name)
    {
        ReadOnlySpan<char> found = default;
        foreach (var header in request.Headers.Cookie)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];
                var equals = pair.IndexOf('=');
                if (equals < 0 || !pair[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                    continue;
                var value = pair[(equals + 1)..].Trim();
                if (!value.IsEmpty)
                    found = value;
            }
        }
        return found;
    }
}
