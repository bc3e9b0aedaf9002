using NopSegments.Data.Flows;

namespace NopSegments.Data.Settings;

/// <summary>The settings Install writes when they are not there yet; a reinstall keeps none of the old ones.</summary>
internal static class DefaultSettings
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["tracking.enabled"] = "true",
        ["tracking.consent_mode"] = "track_all",
        ["tracking.honour_do_not_track"] = "true",
        ["tracking.session_timeout_minutes"] = "30",
        ["privacy.retention_days"] = "730",
        ["flows.quiet_hours"] = "21:00-08:00",
        ["flows.time_zone"] = "UTC",
        ["flows.frequency_cap"] = "16h",
        // An order this long after a click (or, without one, after a send) is credited to the flow's step.
        ["flows.conversion_window"] = "5d",
        // The HTTP providers behind the SMS and webhook channels; empty until the merchandiser sets them.
        ["channels.sms.url"] = "",
        ["channels.sms.token"] = "",
        ["channels.sms.from"] = "",
        ["channels.webhook.url"] = "",
        ["channels.webhook.secret"] = "",
    }.Concat(FlowCatalog.DefaultSettings()).ToDictionary();

    /// <summary>Whether a setting may be written: a default one, or a custom flow's.</summary>
    public static bool IsKnown(string key) => All.ContainsKey(key) || FlowCatalog.IsFlowSetting(key);
}
