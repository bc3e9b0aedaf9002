using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NopSegments.Data.Marketing;

/// <summary>A file's problem: the file (relative to the directory), the line, and what is wrong.</summary>
public sealed record FileProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

/// <summary>One item as a file holds it: where it came from, its key, and its text.</summary>
internal sealed record MarketingFile(string Path, string Key, string Json);

/// <summary>
/// A shop's marketing as files, for version control and for moving it between stores: <c>segments/&lt;slug&gt;.json</c>
/// (slug, name, description, query), <c>flows/&lt;key&gt;.json</c> (a flow's settings), <c>flow-rules.json</c> (the rules
/// every flow keeps) and <c>campaigns/&lt;slug&gt;.json</c> (a campaign's definition as saved). Channel addresses and
/// secrets stay with each store.
/// </summary>
internal static class MarketingFiles
{
    public const string Segments = "segments";
    public const string Flows = "flows";
    public const string Campaigns = "campaigns";
    public const string FlowRules = "flow-rules.json";

    public static readonly IReadOnlyList<string> RuleKeys = ["quiet_hours", "time_zone", "frequency_cap", "conversion_window"];

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The files of one kind (sorted by name); a missing folder is none.</summary>
    public static IReadOnlyList<MarketingFile> Read(string directory, string kind)
    {
        var folder = System.IO.Path.Combine(directory, kind);
        if (!Directory.Exists(folder))
            return [];
        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => new MarketingFile($"{kind}/{System.IO.Path.GetFileName(f)}", System.IO.Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))];
    }

    /// <summary>Writes one kind's files, removing files of that kind no longer in <paramref name="files"/>.</summary>
    public static void Write(string directory, string kind, IReadOnlyDictionary<string, string> files)
    {
        var folder = System.IO.Path.Combine(directory, kind);
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.json").Where(f => !files.ContainsKey(System.IO.Path.GetFileNameWithoutExtension(f))))
            File.Delete(stale);
        foreach (var (key, text) in files)
            File.WriteAllText(System.IO.Path.Combine(folder, key + ".json"), text.EndsWith('\n') ? text : text + "\n");
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Json);

    /// <summary>The file's JSON object, or its problem.</summary>
    public static JsonObject? Object(MarketingFile file, List<FileProblem> problems)
    {
        try
        {
            if (JsonNode.Parse(file.Json, documentOptions: Lenient) is JsonObject o)
                return o;
            problems.Add(new FileProblem(file.Path, 1, "write a JSON object { … }"));
        }
        catch (JsonException ex)
        {
            problems.Add(new FileProblem(file.Path, (int)(ex.LineNumber ?? 0) + 1, $"not JSON: {ex.Message}"));
        }
        return null;
    }

    /// <summary>A property's text, or its problem (naming the line of the property, or of the object when it is missing).</summary>
    public static string? Text(MarketingFile file, JsonObject o, string name, bool required, List<FileProblem> problems)
    {
        var value = o[name];
        if (value is null)
        {
            if (required)
                problems.Add(new FileProblem(file.Path, 1, $"'{name}' is missing"));
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.String)
            return value.GetValue<string>();
        problems.Add(new FileProblem(file.Path, NopSegments.Data.Campaigns.JsonLines.LineOf(file.Json, $"$.{name}"), $"'{name}' must be text"));
        return null;
    }
}
