using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NopSegments.Data.Profiles;

namespace NopSegments.Cli.Profiles;

/// <summary><c>nopsegments profile &lt;key&gt; [--as-of &lt;ISO-8601&gt;]</c>: the profile's attributes as JSON.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("key") { Description = "customer id (the dataset's profile key) or visitor id" };
        var asOf = new Option<string?>("--as-of") { Description = "evaluate at this instant (ISO 8601, e.g. 2011-06-01 or 2011-06-01T12:00:00Z); default now" };
        var command = new Command("profile", "Print a profile's attributes as JSON") { key, asOf };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(key)!, parse.GetValue(asOf), parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(string key, string? asOfText, ParseResult parse, CancellationToken ct)
    {
        var asOf = asOfText is null ? DateTimeOffset.UtcNow : ParseInstant(asOfText);
        var queries = new ProfileQueries(CliDatabase.From(parse));
        var id = await queries.FindAsync(key, ct) ?? throw new CliException($"No profile '{key}'.");
        var profile = await queries.AsOfAsync(id, asOf, ct)
            ?? throw new CliException($"Profile '{key}' did not exist yet at {asOf:yyyy-MM-ddTHH:mm:ssZ}: its first event is later.");
        var json = ProfileJson.Write(key, asOf, profile.Attributes, profile.Rfm);
        foreach (var (trait, value) in await new ProfileTraits(CliDatabase.From(parse)).ReadAsync(id, ct))
            json[trait] = value;
        Console.Out.WriteLine(JsonSerializer.Serialize(json, ProfileJson.Options));
        return 0;
    }

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new CliException($"'{text}' is not an ISO 8601 time; use e.g. 2011-06-01 or 2011-06-01T12:00:00Z.");
}
