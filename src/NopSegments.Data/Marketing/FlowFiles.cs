using System.Text.Json;
using System.Text.Json.Nodes;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Flows;

namespace NopSegments.Data.Marketing;

/// <summary>
/// The flows part of a plan: each <c>flows/&lt;key&gt;.json</c> sets every setting of its flow (one it leaves out goes
/// back to the flow's default), <c>flow-rules.json</c> the rules all flows keep; the result is checked as the flow runner
/// will read it, and a problem points at the file and line of the setting.
/// </summary>
internal sealed class FlowFiles(MarketingPlan plan, string directory, Dictionary<string, string> settings, IReadOnlySet<string> slugs)
{
    private readonly Dictionary<string, (MarketingFile File, string Property)> origins = new(StringComparer.Ordinal);

    public void Plan()
    {
        var final = settings.Where(s => s.Key.StartsWith("flows.", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var customBefore = SafeCustomKeys(settings);
        var custom = new List<string>();
        foreach (var file in MarketingFiles.Read(directory, MarketingFiles.Flows))
        {
            if (Read(file) is not { } values)
                continue;
            var builtIn = FlowCatalog.Find(file.Key);
            if (builtIn is null)
                custom.Add(file.Key);
            var defaults = builtIn?.Defaults ?? FlowCatalog.CustomDefaults;
            var before = Values(final, file.Key);
            foreach (var field in FlowCatalog.Fields.Where(f => f != "name" || builtIn is null))
            {
                var key = $"flows.{file.Key}.{field}";
                var value = values.TryGetValue(field, out var v) ? v : defaults.GetValueOrDefault(field, "");
                // A setting never stored reads as empty: an empty value adds no row.
                if (value.Length > 0 || final.ContainsKey(key))
                    final[key] = value;
            }
            var after = Values(final, file.Key);
            plan.Count("flow", file.Key, !customBefore.Contains(file.Key) && builtIn is null ? "create"
                : before.Keys.Union(after.Keys).Any(k => before.GetValueOrDefault(k, "") != after.GetValueOrDefault(k, "")) ? "change" : null);
        }
        foreach (var gone in customBefore.Where(k => !custom.Contains(k)))
        {
            foreach (var key in final.Keys.Where(k => k.StartsWith($"flows.{gone}.", StringComparison.Ordinal)).ToList())
                final.Remove(key);
            plan.FlowsToRemove.Add(gone);
            plan.Count("flow", gone, "remove");
        }
        final[FlowCatalog.CustomKey] = string.Join(",", custom);
        ReadRules(final);
        try
        {
            FlowSettings.Read(final, [.. slugs]);
        }
        catch (FlowSettingsException ex)
        {
            plan.Problems.Add(origins.TryGetValue(ex.Key, out var origin)
                ? new FileProblem(origin.File.Path, JsonLines.LineOf(origin.File.Json, origin.Property), ex.Message)
                : new FileProblem($"{MarketingFiles.Flows}/{ex.Key.Split('.').ElementAtOrDefault(1)}.json", 0, $"{ex.Message} (a built-in flow's setting this directory leaves as it is)"));
        }
        foreach (var (key, value) in final)
            plan.FlowSettings[key] = value;
    }

    private Dictionary<string, string>? Read(MarketingFile file)
    {
        if (MarketingFiles.Object(file, plan.Problems) is not { } o || !plan.Known(file, o, ["key", "settings"]))
            return null;
        if (MarketingFiles.Text(file, o, "key", true, plan.Problems) is not { } key)
            return null;
        if (key != file.Key || !FlowKeys.IsValid(key))
        {
            plan.Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, "$.key"),
                key != file.Key ? $"the key '{key}' must match the file's name '{file.Key}'" : $"'{key}' is not a flow key: lower-case letters, digits and _"));
            return null;
        }
        if (o["settings"] is not JsonObject values)
        {
            plan.Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, "$.settings"), "'settings' must be an object of the flow's settings"));
            return null;
        }
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in values)
        {
            var at = $"$.settings.{field}";
            if (!FlowCatalog.Fields.Contains(field) || (field == "name" && FlowCatalog.Find(key) is not null))
                plan.Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, at), field == "name"
                    ? "a built-in flow keeps its name" : $"unknown setting '{field}' (expected {string.Join(", ", FlowCatalog.Fields)})"));
            else if (value?.GetValueKind() != JsonValueKind.String)
                plan.Problems.Add(new FileProblem(file.Path, JsonLines.LineOf(file.Json, at), $"'{field}' must be text, as the settings hold it"));
            else
            {
                read[field] = value.GetValue<string>();
                origins[$"flows.{key}.{field}"] = (file, at);
            }
        }
        return read;
    }

    private void ReadRules(Dictionary<string, string> final)
    {
        var path = Path.Combine(directory, MarketingFiles.FlowRules);
        if (!File.Exists(path))
            return;
        var file = new MarketingFile(MarketingFiles.FlowRules, "rules", File.ReadAllText(path));
        if (MarketingFiles.Object(file, plan.Problems) is not { } o || !plan.Known(file, o, MarketingFiles.RuleKeys))
            return;
        var changed = false;
        foreach (var rule in MarketingFiles.RuleKeys)
        {
            if (MarketingFiles.Text(file, o, rule, false, plan.Problems) is not { } value)
                continue;
            changed |= final.GetValueOrDefault($"flows.{rule}") != value;
            final[$"flows.{rule}"] = value;
            origins[$"flows.{rule}"] = (file, $"$.{rule}");
        }
        plan.Count("rules", "flow-rules", changed ? "change" : null);
    }

    private static Dictionary<string, string> Values(Dictionary<string, string> all, string flow) =>
        all.Where(s => s.Key.StartsWith($"flows.{flow}.", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    private static List<string> SafeCustomKeys(Dictionary<string, string> settings)
    {
        try
        {
            return [.. FlowSettings.CustomKeys(settings)];
        }
        catch (FlowSettingsException)
        {
            return [];
        }
    }
}
