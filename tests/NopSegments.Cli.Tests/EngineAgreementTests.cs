using NopSegments.Data;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Testing;

namespace NopSegments.Cli.Tests;

/// <summary>
/// The two evaluators must agree: every query of the corpus gives the same members set-based (one SQL
/// statement over the materialized profiles) and profile by profile (folding each profile's events).
/// </summary>
public sealed class EngineAgreementTests
{
    private static readonly DateTimeOffset AsOf = new(2011, 12, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2011, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string OnlineRetail = Path.Combine(AppContext.BaseDirectory, "SeedData", "online-retail.csv.gz");

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Set_based_and_profile_by_profile_agree_on_the_retailers_year(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var target = provider == DatabaseProvider.Sqlite
            ? new[] { "--db", db.ConnectionString["Data Source=".Length..] }
            : ["--provider", "postgres", "--connection", db.ConnectionString];
        Assert.Equal(0, (await CliProcess.RunAsync(["import", "online-retail", OnlineRetail, .. target])).Exit);
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        var queries = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "agreement-online-retail.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(q => SegmentQuery.Parse(q)).ToList();

        var setBased = new SetBasedSegments(contexts);
        var atNewest = await MembersByProfileAsync(contexts, queries, AsOf);
        var disagreements = await DisagreementsAsync(setBased, queries, atNewest, AsOf);
        // Half a year earlier, before most of the year's events: queries of event conditions, and of the attributes that
        // are sums, counts and extremes of events (recomputed from the events up to then), still go set-based.
        var answeredEarlier = new List<SegmentQuery>();
        foreach (var query in queries)
        {
            if (await setBased.WhyNotAsync(query, Earlier) is null)
                answeredEarlier.Add(query);
        }
        var earlier = await MembersByProfileAsync(contexts, answeredEarlier, Earlier);
        disagreements.AddRange(await DisagreementsAsync(setBased, answeredEarlier, earlier, Earlier));

        Assert.Empty(disagreements);
        // Guard against a corpus that proves nothing: most queries select someone, and not everyone.
        Assert.True(atNewest.Count(m => m.Count is > 0 and < 4372) >= queries.Count * 2 / 3, string.Join(", ", atNewest.Select(m => m.Count)));
        Assert.True(answeredEarlier.Count(q => !q.Text.Contains('(', StringComparison.Ordinal)) >= 5, $"{answeredEarlier.Count} queries answered earlier");
        Assert.True(answeredEarlier.Count >= queries.Count / 2, $"{answeredEarlier.Count} of {queries.Count} queries answered earlier");
        Assert.True(earlier.Count(m => m.Count > 0) >= answeredEarlier.Count / 2, string.Join(", ", earlier.Select(m => m.Count)));
        Assert.Equal("events after the as-of instant are stored, and cart_value is not recomputed set-based at an earlier instant",
            await setBased.WhyNotAsync(SegmentQuery.Parse("orders_count >= 2 and cart_value > 0"), Earlier));
    }

    private static async Task<List<string>> DisagreementsAsync(
        SetBasedSegments setBased, List<SegmentQuery> queries, List<List<string>> byProfile, DateTimeOffset asOf)
    {
        var disagreements = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            Assert.Null(await setBased.WhyNotAsync(queries[i], asOf));
            var members = await setBased.MembersAsync(queries[i], asOf, null);
            var count = await setBased.CountAsync(queries[i], asOf);
            if (count != members.Count || !members.Order(StringComparer.Ordinal).SequenceEqual(byProfile[i].Order(StringComparer.Ordinal)))
                disagreements.Add($"{queries[i].Text} as of {asOf:yyyy-MM-dd}: SQL {members.Count} (count {count}), per profile {byProfile[i].Count}; only SQL: " +
                    string.Join(" ", members.Except(byProfile[i]).Take(5)) + "; only per profile: " + string.Join(" ", byProfile[i].Except(members).Take(5)));
        }
        return disagreements;
    }

    private static async Task<List<List<string>>> MembersByProfileAsync(SegmentsDbContextFactory contexts, List<SegmentQuery> queries, DateTimeOffset asOf)
    {
        var byProfile = queries.Select(_ => new List<string>()).ToList();
        await foreach (var profile in new ProfileSnapshots(contexts).ReadAsync(asOf, null))
        {
            for (var i = 0; i < queries.Count; i++)
            {
                if (queries[i].Matches(profile))
                    byProfile[i].Add(profile.Key);
            }
        }
        return byProfile;
    }
}
