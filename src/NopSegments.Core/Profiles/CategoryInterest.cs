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

    /// <summary>The score an interest comes from (the inverse of <see cref="FromScore"/>); infinite at 1.</summary>
    public static double ToScore(double interest) => interest >= 1 ? double.PositiveInfinity : -Saturation * Math.Log(1 - interest);

    /// <summary>
    /// An interest of <paramref name="interest"/> at <paramref name="from"/>, at the later <paramref name="to"/> if no event
    /// about the category comes meanwhile.
    /// </summary>
    public static double Decayed(double interest, DateTimeOffset from, DateTimeOffset to) =>
        to <= from || interest <= 0 || interest >= 1 ? interest : FromScore(Decay(ToScore(interest), from, to));

    /// <summary>
    /// When an interest of <paramref name="interest"/> at <paramref name="from"/> decays to <paramref name="threshold"/>
    /// if no event about the category comes meanwhile; null when it never will (it is at or below it already, or 1).
    /// </summary>
    public static DateTimeOffset? FallsTo(double interest, double threshold, DateTimeOffset from)
    {
        if (threshold <= 0 || interest <= threshold || interest >= 1)
            return null;
        // score · 0.5^(t / half-life) = target  ⇒  t = half-life · log2(score / target)
        var halfLives = Math.Log2(ToScore(interest) / ToScore(threshold));
        return from + HalfLife * halfLives;
    }
}
