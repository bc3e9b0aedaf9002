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
}
