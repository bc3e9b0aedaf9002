namespace NopSegments.Data.Campaigns;

/// <summary>
/// A conversion rate with its 95 % Wilson score interval (sound at small counts and rates near 0, where the normal
/// approximation gives negative bounds), and the comparison of two rates: relative lift and a two-proportion z-test.
/// </summary>
public readonly record struct ConversionRate(int Conversions, int People, double Rate, double Low, double High)
{
    private const double Z95 = 1.959963984540054;

    public static ConversionRate Of(int conversions, int people)
    {
        if (people == 0)
            return new ConversionRate(conversions, 0, 0, 0, 0);
        double n = people, p = (double)conversions / people, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new ConversionRate(conversions, people, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>This rate's lift over <paramref name="baseline"/> (0.25 = 25 % better); null when the baseline converted nobody.</summary>
    public double? LiftOver(ConversionRate baseline) => baseline.Rate == 0 ? null : Rate / baseline.Rate - 1;

    /// <summary>The two-sided p-value of a pooled two-proportion z-test against <paramref name="baseline"/>; null without people on both sides.</summary>
    public double? PValueAgainst(ConversionRate baseline)
    {
        if (People == 0 || baseline.People == 0)
            return null;
        var pooled = (double)(Conversions + baseline.Conversions) / (People + baseline.People);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / People + 1.0 / baseline.People));
        if (se == 0)
            return 1;
        var z = Math.Abs(Rate - baseline.Rate) / se;
        return 2 * (1 - NormalCdf(z));
    }

    // Abramowitz & Stegun 7.1.26 for erf: error below 1.5e-7, plenty for a p-value shown to two places.
    private static double NormalCdf(double z)
    {
        var x = z / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return 0.5 * (1 + erf);
    }
}
