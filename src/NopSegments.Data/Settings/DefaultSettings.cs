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
    };
}
