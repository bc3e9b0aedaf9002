namespace NopSegments.Profiles;

/// <summary>
/// Everything the fold keeps about a profile between events, so the writer can store it, load it for
/// the next batch and go on folding. Serialized as JSON in the profile row.
/// </summary>
public sealed class ProfileState
{
#pragma warning disable CA2227, CA1002 // A plain serializable bag: the JSON serializer sets these collections.
    /// <summary>Fold state.</summary>
    public HashSet<string> Sessions { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Fold state.</summary>
    public Dictionary<string, CartLineState> Cart { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Fold state.</summary>
    public Dictionary<string, InterestState> Interests { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227, CA1002
    /// <summary>Fold state.</summary>
    public int Orders { get; set; }
    /// <summary>Fold state.</summary>
    public int Refunds { get; set; }
    /// <summary>Fold state.</summary>
    public int DiscountOrders { get; set; }
    /// <summary>Fold state.</summary>
    public int PageViews { get; set; }
    /// <summary>Fold state.</summary>
    public decimal OrderValue { get; set; }
    /// <summary>Fold state.</summary>
    public decimal RefundValue { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? FirstOrder { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? LastOrder { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? FirstSeen { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? LastSeen { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? LastCartAdd { get; set; }
    /// <summary>Fold state.</summary>
    public DateTimeOffset? CountryAt { get; set; }
    /// <summary>Fold state.</summary>
    public string? CustomerId { get; set; }
    /// <summary>Fold state.</summary>
    public string? FirstSource { get; set; }
    /// <summary>Fold state.</summary>
    public string? LastSource { get; set; }
    /// <summary>Fold state.</summary>
    public string? Device { get; set; }
    /// <summary>Fold state.</summary>
    public string? Country { get; set; }
    /// <summary>Fold state.</summary>
    public string? CountryOrderId { get; set; }
}

/// <summary>One cart line: quantity and the price it was added at.</summary>
public sealed record CartLineState(int Quantity, decimal Price);

/// <summary>A category's interest score as of an instant; decayed further on read.</summary>
public sealed record InterestState(double Score, DateTimeOffset At);
