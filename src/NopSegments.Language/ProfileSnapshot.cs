using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Language;

/// <summary>
/// A profile as a query sees it at one instant (<see cref="Now"/>): its attributes then, its events up to
/// then (in time order), its RFM scores among the buyers of then, zero-party traits and segment memberships.
/// </summary>
public sealed record ProfileSnapshot(string Key, DateTimeOffset Now, ProfileAttributes Attributes, IReadOnlyList<StoreEvent> Events)
{
    /// <summary>RFM scores at <see cref="Now"/>; null without orders.</summary>
    public RfmScore? Rfm { get; init; }

    /// <summary>Zero-party data by attribute name (email, gender, age, customer_roles, …); absent means missing.</summary>
    public IReadOnlyDictionary<string, object?> Traits { get; init; } = new Dictionary<string, object?>();

    /// <summary>Slugs of the saved segments the profile belongs to at <see cref="Now"/>.</summary>
    public IReadOnlySet<string> Segments { get; init; } = new HashSet<string>();

    // Event conditions read one name each, many times per event (every segment, every candidate instant of the next
    // change): grouped once per snapshot. Kept with the list it was made from, since `with` copies it.
    private (IReadOnlyList<StoreEvent> From, Dictionary<string, StoreEvent[]> ByName)? named;

    /// <summary>The events of one name, in time order.</summary>
    internal StoreEvent[] EventsNamed(string name)
    {
        if (named is not { } cache || !ReferenceEquals(cache.From, Events))
        {
            cache = (Events, Events.GroupBy(e => e.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(e => e.OccurredAt).ToArray(), StringComparer.Ordinal));
            named = cache;
        }
        return cache.ByName.TryGetValue(name, out var events) ? events : [];
    }
}
