using System.Collections.Concurrent;

namespace NopSegments.Web.Visitors;

/// <summary>
/// Cookie values that already passed Data Protection's check, so a busy visitor's every request does not
/// decrypt the same ciphertext again. Same input, same output: caching changes no decision. Bounded.
/// </summary>
internal sealed class VerifiedCookieCache
{
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, string> verified = new(StringComparer.Ordinal);

    public bool TryGet(string raw, out string value) => verified.TryGetValue(raw, out value!);

    public void Add(string raw, string value)
    {
        if (verified.Count >= Capacity)
            verified.Clear();
        verified[raw] = value;
    }
}
