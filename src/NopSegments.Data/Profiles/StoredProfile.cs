namespace NopSegments.Data.Profiles;

/// <summary>
/// A person-level profile in <c>nopsegments_profiles</c>: the attributes at the last event, materialized as columns
/// for set-based segment queries (the fold state lives in <see cref="StoredProfileState"/>).
/// Money is stored as double so SQLite can compare and sum it in SQL.
/// </summary>
internal sealed class StoredProfile
{
    public long Id { get; set; }
    public string? CustomerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int OrdersCount { get; set; }
    public double TotalSpent { get; set; }
    public double? AverageOrderValue { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }
    public int RefundsCount { get; set; }
    public int DiscountOrdersCount { get; set; }
    public double? DiscountOrdersShare { get; set; }
    public int SessionsCount { get; set; }
    public int PageViewsCount { get; set; }
    public DateTime? FirstSeenAt { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public string? FirstSource { get; set; }
    public string? LastSource { get; set; }
    public string? Device { get; set; }
    public string? Country { get; set; }
    public int CartItemsCount { get; set; }
    public double CartValue { get; set; }
    public DateTime? LastAddedToCartAt { get; set; }
    public int? RfmRecency { get; set; }
    public int? RfmFrequency { get; set; }
    public int? RfmMonetary { get; set; }

    /// <summary>Zero-party data that came without a host directory (e.g. an import's demographics), as JSON.</summary>
    public string? Traits { get; set; }
}
