using System.Net;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Visitors;

/// <summary>
/// Country (and city, where the file has it) of an IP address from a MaxMind DB file: the CC0 country
/// database of ip-location-db (<c>country_code</c>), or a licensed GeoIP2 City/Country file
/// (<c>country.iso_code</c>, <c>city.names.en</c>). Without a file, or for private addresses, nothing.
/// </summary>
internal sealed class GeoLocator : IDisposable
{
    private readonly Reader? reader;

    public GeoLocator(IOptions<NopSegmentsOptions> options, ILogger<GeoLocator> logger)
    {
        var path = options.Value.GeoDatabasePath;
        if (string.IsNullOrWhiteSpace(path))
            return;
        if (!File.Exists(path))
        {
            logger.LogWarning("The geo database {Path} does not exist; visitors' countries come from their orders only", path);
            return;
        }
        reader = new Reader(path, FileAccessMode.MemoryMapped);
    }

    public (string? Country, string? City) Locate(IPAddress? address)
    {
        if (reader is null || address is null || IsPrivate(address))
            return (null, null);
        try
        {
            var record = reader.Find<Dictionary<string, object>>(address);
            if (record is null)
                return (null, null);
            var country = record.GetValueOrDefault("country_code") as string ?? Nested(record, "country", "iso_code");
            return (country, Nested(record, "city", "names", "en"));
        }
        catch (InvalidDatabaseException)
        {
            return (null, null);
        }
    }

    private static string? Nested(Dictionary<string, object> record, params string[] path)
    {
        object? node = record;
        foreach (var key in path)
            node = node is Dictionary<string, object> map ? map.GetValueOrDefault(key) : null;
        return node as string;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
            return true;
        var b = address.GetAddressBytes();
        return b.Length == 4 && (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254));
    }

    public void Dispose() => reader?.Dispose();
}
