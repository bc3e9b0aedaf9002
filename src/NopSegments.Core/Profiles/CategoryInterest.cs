namespace NopSegments.Profiles;

/// <summary>
/// interest(c) = 1 − exp(−score(c) / 5), where score(c) sums a weight per event about category c
/// (category_viewed 0.5, product_viewed 1, added_to_cart 3, product_ordered 5), each halved for every
/// 14 days of age at the evaluation instant. Five recent product views give 0.63; a month-old
/// purchase alone gives 0.20. Documented in docs/profiles.md.
/// </summary>
public static class CategoryInterest
{
    /// <summary>Age at which an event counts half.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    /// <summary>Score at which interest reaches 1 − 1/e.</summary>
    public const double Saturation = 5;

    /// <summary>How much one event of this kind says about interest in its category; 0 for other events.</summary>
    public static double Weight(string eventName) => eventName switch
    {
        Tracking.EventNames.CategoryViewed => 0.5,
        Tracking.EventNames.ProductViewed => 1,
        Tracking.EventNames.AddedToCart => 3,
        Tracking.EventNames.ProductOrdered => 5,
        _ => 0,
    };

    /// <summary>A score carried from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double Decay(double score, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? score : score * Math.Pow(0.5, (to - from) / HalfLife);

    /// <summary>Interest 0–1 from a score at the evaluation instant.</summary>
    public static double FromScore(double score) => 1 - Math.Exp(-score / Saturation);
}
