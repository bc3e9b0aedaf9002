using Microsoft.AspNetCore.Http;
using NopSegments.Data.Flows;

namespace NopSegments.Web.Admin;

/// <summary>
/// A settings form as typed, kept whole through every error: each field is named by its settings key
/// (<c>flows.abandoned_cart.delays</c>), so the page, the post and the settings table say the same thing.
/// </summary>
public sealed record FlowForm(IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The settings every flow shares, and the channels' providers; secrets are never shown back.</summary>
    internal static readonly IReadOnlyList<string> SharedKeys =
    [
        "flows.quiet_hours", "flows.time_zone", "flows.frequency_cap", "flows.conversion_window",
        "channels.sms.url", "channels.sms.token", "channels.sms.from", "channels.webhook.url", "channels.webhook.secret",
    ];

    internal static readonly IReadOnlySet<string> SecretKeys = new HashSet<string>(StringComparer.Ordinal) { "channels.sms.token", "channels.webhook.secret" };

    public string this[string key] => Values.GetValueOrDefault(key, "");

    /// <summary>The keys of one flow's page (a built-in flow's name is fixed).</summary>
    internal static IReadOnlyList<string> KeysOf(string flow) =>
        [.. FlowCatalog.Fields.Where(f => f != "name" || FlowCatalog.Find(flow) is null).Select(f => $"flows.{flow}.{f}")];

    internal static FlowForm From(IReadOnlyDictionary<string, string> settings, IEnumerable<string> keys)
    {
        var text = new SettingText(settings);
        return new FlowForm(keys.ToDictionary(k => k, k => SecretKeys.Contains(k) ? "" : text.Raw(k)));
    }

    /// <summary>
    /// The posted values of <paramref name="keys"/>: a list (several checkboxes of one name) joined with commas, an
    /// unticked switch as false, an empty secret as the stored one.
    /// </summary>
    internal static FlowForm Read(IFormCollection form, IEnumerable<string> keys, IReadOnlyDictionary<string, string> stored)
    {
        string Value(string key)
        {
            var posted = form[key] is { Count: > 0 } values
                ? string.Join(",", values.Select(v => (v ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)))
                : null;
            if (SecretKeys.Contains(key))
                return string.IsNullOrWhiteSpace(posted) ? stored.GetValueOrDefault(key, "") : posted;
            return posted ?? (key.EndsWith(".enabled", StringComparison.Ordinal) ? "false" : "");
        }
        return new FlowForm(keys.ToDictionary(k => k, Value));
    }

    /// <summary>The values to save: every field but an unchanged secret.</summary>
    internal IReadOnlyList<(string Key, string Value)> Settings => [.. Values.Select(v => (v.Key, v.Key.EndsWith(".html", StringComparison.Ordinal)
        || v.Key.EndsWith(".text", StringComparison.Ordinal) || v.Key.EndsWith(".sms", StringComparison.Ordinal) ? v.Value : v.Value.Trim()))];
}
