using NopSegments.Profiles;

namespace NopSegments.Core.Tests;

public sealed class RfmScorerTests
{
    private static readonly DateTimeOffset Day = new(2011, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scores_follow_one_plus_floor_five_times_worse_over_n()
    {
        // Ten buyers: buyer i ordered i+1 times, spent 10·(i+1), last ordered i days ago.
        var buyers = Enumerable.Range(0, 10)
            .Select(i => new RfmInput($"b{i}", Day.AddDays(-i), i + 1, 10m * (i + 1))).ToList();

        var scores = RfmScorer.Score(buyers);

        Assert.Equal(new RfmScore(5, 1, 1), scores["b0"]);   // most recent; fewest orders; least spend
        Assert.Equal(new RfmScore(1, 5, 5), scores["b9"]);
        Assert.Equal(new RfmScore(3, 3, 3), scores["b5"]);   // four older, five fewer, five smaller
        Assert.Equal(1 + 5 * 4 / 10, scores["b4"].Frequency); // four buyers strictly fewer orders
        Assert.Equal(1 + 5 * 5 / 10, scores["b4"].Recency);   // five buyers strictly older
    }

    [Fact]
    public void Ties_share_a_score()
    {
        var buyers = new[]
        {
            new RfmInput("a", Day, 1, 5m), new RfmInput("b", Day, 1, 5m), new RfmInput("c", Day.AddDays(-3), 2, 9m),
        };

        var scores = RfmScorer.Score(buyers);

        Assert.Equal(scores["a"], scores["b"]);
        Assert.Equal(new RfmScore(1 + 5 * 1 / 3, 1, 1), scores["a"]);
        Assert.Equal(new RfmScore(1, 1 + 5 * 2 / 3, 1 + 5 * 2 / 3), scores["c"]);
    }

    [Fact]
    public void No_buyers_means_no_scores() => Assert.Empty(RfmScorer.Score([]));
}
