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

        var byProfile = queries.Select(_ => new List<string>()).ToList();
        await foreach (var profile in new ProfileSnapshots(contexts).ReadAsync(AsOf, null))
        {
            for (var i = 0; i < queries.Count; i++)
            {
                if (queries[i].Matches(profile))
                    byProfile[i].Add(profile.Key);
            }
        }
        var setBased = new SetBasedSegments(contexts);
        Assert.True(await setBased.CanAnswerAsync(AsOf));
        var disagreements = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            var members = await setBased.MembersAsync(queries[i], AsOf, null);
            if (!members.Order(StringComparer.Ordinal).SequenceEqual(byProfile[i].Order(StringComparer.Ordinal)))
                disagreements.Add($"{queries[i].Text}: SQL {members.Count}, per profile {byProfile[i].Count}; only SQL: " +
                    string.Join(" ", members.Except(byProfile[i]).Take(5)) + "; only per profile: " + string.Join(" ", byProfile[i].Except(members).Take(5)));
        }

        Assert.Empty(disagreements);
        // Guard against a corpus that proves nothing: most queries select someone, and not everyone.
        Assert.True(byProfile.Count(m => m.Count > 0 && m.Count < 4372) >= queries.Count * 2 / 3,
            string.Join(", ", byProfile.Select(m => m.Count)));
    }
}
