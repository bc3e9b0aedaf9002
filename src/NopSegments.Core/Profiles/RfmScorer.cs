namespace NopSegments.Profiles;

/// <summary>
/// Among the N profiles with at least one order at the instant, each score is 1 + floor(5 · L / N),
/// where L counts the profiles strictly worse on that metric. Ties share a score; 5 is best.
/// Sorting once per metric makes it O(N log N).
/// </summary>
public static class RfmScorer
{
    /// <summary>Scores every buyer against the others.</summary>
    public static IReadOnlyDictionary<string, RfmScore> Score(IReadOnlyList<RfmInput> buyers)
    {
        ArgumentNullException.ThrowIfNull(buyers);
        var n = buyers.Count;
        // Worse recency = an older last order; worse frequency or monetary = a smaller value.
        var recency = WorseCounts(buyers.Select(b => b.LastOrderAt.UtcTicks).ToArray());
        var frequency = WorseCounts(buyers.Select(b => (decimal)b.Frequency).ToArray());
        var monetary = WorseCounts(buyers.Select(b => b.Monetary).ToArray());
        var scores = new Dictionary<string, RfmScore>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
            scores[buyers[i].Key] = new RfmScore(ScoreOf(recency[i], n), ScoreOf(frequency[i], n), ScoreOf(monetary[i], n));
        return scores;
    }

    private static int ScoreOf(long worse, int n) => 1 + (int)(5 * worse / n);

    /// <summary>For each value, how many values are strictly smaller.</summary>
    private static long[] WorseCounts<T>(T[] values) where T : IComparable<T>
    {
        var sorted = (T[])values.Clone();
        Array.Sort(sorted);
        var counts = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
            counts[i] = LowerBound(sorted, values[i]);
        return counts;
    }

    private static int LowerBound<T>(T[] sorted, T value) where T : IComparable<T>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(value) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
