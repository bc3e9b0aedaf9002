using System.Security.Cryptography;
using System.Text;

namespace NopSegments.Tracking;

/// <summary>
/// Event ids: new ones for live events, and ids derived from a stable name ("online-retail:536365:line 3"), so
/// importing the same history twice, or a host backfilling again, stores each event once.
/// </summary>
public static class EventIds
{
    /// <summary>
    /// A random UUID (version 4). An event id must be unique, not unguessable, so the bits come from the
    /// thread's seeded generator: <see cref="Guid.NewGuid"/> asks the kernel for random bytes on every call,
    /// which cost the tracking endpoint a few percent of its CPU at full load.
    /// </summary>
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A UUID (version 8, RFC 9562) from the SHA-256 of the name.</summary>
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
