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
        ["flows.abandoned_cart.enabled"] = "false",
        ["flows.abandoned_cart.delays"] = "1h,24h,72h",
        ["flows.abandoned_cart.reentry"] = "7d",
        // Which step carries a single-use code from the host's discount issuer; empty for none.
        ["flows.abandoned_cart.discount_step"] = "",
        ["flows.abandoned_cart.discount_percent"] = "10",
        ["flows.abandoned_cart.discount_valid"] = "7d",
        ["flows.quiet_hours"] = "21:00-08:00",
        ["flows.time_zone"] = "UTC",
        ["flows.frequency_cap"] = "16h",
        // Empty: the built-in templates (Web/Flows/FlowTemplates).
        ["flows.abandoned_cart.subject"] = "",
        ["flows.abandoned_cart.html"] = "",
        ["flows.abandoned_cart.text"] = "",
    };
}
