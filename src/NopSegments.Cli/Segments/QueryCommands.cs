using System.CommandLine;
using System.Globalization;
using NopSegments.Cli.Profiles;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Language;

namespace NopSegments.Cli.Segments;

/// <summary>
/// <c>count</c>, <c>members</c> and <c>explain</c>: a segment query evaluated over the database's profiles as of an
/// instant. A query that does not parse or bind exits with code 2 and the error on stderr.
/// </summary>
internal static class QueryCommands
{
    public const int InvalidQuery = 2;

    private static readonly Argument<string> Query = new("query") { Description = "a segment query, e.g. \"orders_count >= 3 AND total_spent > 500\"" };
    private static readonly Option<string?> AsOf = new("--as-of") { Description = "evaluate at this instant (ISO 8601); default now" };

    public static IEnumerable<Command> Create()
    {
        var count = new Command("count", "Count the profiles a query matches; the count is the last line") { Query, AsOf };
        count.SetAction((parse, ct) => CountAsync(parse, ct));

        var limit = new Option<int?>("--limit") { Description = "print at most this many keys" };
        var members = new Command("members", "Print the key of each profile a query matches, one per line") { Query, AsOf, limit };
        members.SetAction((parse, ct) => MembersAsync(parse, parse.GetValue(limit), ct));

        var key = new Argument<string>("key") { Description = "customer id or visitor id" };
        var explain = new Command("explain", "Show, condition by condition, why a profile matches a query or not") { key, Query, AsOf };
        explain.SetAction((parse, ct) => ExplainAsync(parse, parse.GetValue(key)!, ct));
        return [count, members, explain];
    }

    private static async Task<int> CountAsync(ParseResult parse, CancellationToken ct)
    {
        var (query, asOf) = Read(parse);
        var contexts = CliDatabase.From(parse);
        var setBased = new SetBasedSegments(contexts);
        var why = await setBased.WhyNotAsync(query, asOf, ct);
        long matched = 0;
        if (why is null)
        {
            matched = await setBased.CountAsync(query, asOf, ct);
        }
        else
        {
            await foreach (var profile in new ProfileSnapshots(contexts).ReadAsync(asOf, null, ct))
                matched += query.Matches(profile) ? 1 : 0;
        }
        Console.Out.WriteLine($"query      {query.Text}");
        Console.Out.WriteLine($"as of      {Instant(asOf)}");
        Console.Out.WriteLine($"evaluated  {(why is null ? "set-based, one SQL statement" : $"profile by profile: {why}")}");
        Console.Out.WriteLine(matched.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<int> MembersAsync(ParseResult parse, int? limit, CancellationToken ct)
    {
        var (query, asOf) = Read(parse);
        if (limit is < 0)
            throw new CliException("--limit must be 0 or more.");
        var contexts = CliDatabase.From(parse);
        var setBased = new SetBasedSegments(contexts);
        if (await setBased.WhyNotAsync(query, asOf, ct) is null)
        {
            foreach (var key in await setBased.MembersAsync(query, asOf, limit, ct))
                Console.Out.WriteLine(key);
            return 0;
        }
        var printed = 0;
        await foreach (var profile in new ProfileSnapshots(contexts).ReadAsync(asOf, null, ct))
        {
            if (printed >= limit)
                break;
            if (!query.Matches(profile))
                continue;
            Console.Out.WriteLine(profile.Key);
            printed++;
        }
        return 0;
    }

    private static async Task<int> ExplainAsync(ParseResult parse, string key, CancellationToken ct)
    {
        var (query, asOf) = Read(parse);
        var contexts = CliDatabase.From(parse);
        var id = await new ProfileQueries(contexts).FindAsync(key, ct) ?? throw new CliException($"No profile '{key}'.");
        ProfileSnapshot? profile = null;
        await foreach (var snapshot in new ProfileSnapshots(contexts).ReadAsync(asOf, id, ct))
            profile = snapshot;
        if (profile is null)
            throw new CliException($"Profile '{key}' did not exist yet at {Instant(asOf)}: its first event is later.");
        var trace = query.Explain(profile);
        Console.Out.WriteLine($"{key} at {Instant(asOf)}: {(trace.Matched ? "a member" : "not a member")}");
        Print(trace, "");
        Console.Out.WriteLine(query.NextChange(profile) is { } next
            ? $"next change: {Instant(next)}, when a time window passes (unless an event comes first)"
            : "next change: only when an event arrives");
        return 0;
    }

    private static void Print(ConditionTrace trace, string indent)
    {
        Console.Out.WriteLine($"{indent}{(trace.Matched ? "✓" : "✗")} {trace.Condition}  — {trace.Detail}");
        foreach (var part in trace.Parts)
            Print(part, indent + "    ");
    }

    private static (SegmentQuery Query, DateTimeOffset AsOf) Read(ParseResult parse)
    {
        var asOf = parse.GetValue(AsOf) is { } text ? ProfileCommand.ParseInstant(text) : DateTimeOffset.UtcNow;
        try
        {
            return (SegmentQuery.Parse(parse.GetValue(Query)!), asOf);
        }
        catch (SegmentQueryException ex)
        {
            throw new CliException(ex.Message, InvalidQuery);
        }
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
