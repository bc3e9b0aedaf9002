namespace NopSegments.Web.Admin;

/// <summary>The flow settings as typed on the Flows page, kept whole through every error.</summary>
public sealed record FlowForm(
    bool Enabled, string Delays, string Reentry, string QuietHours, string TimeZone, string FrequencyCap,
    string Subject, string Html, string Text)
{
    /// <summary>The step carrying a single-use code (empty for none), its percentage and how long it works.</summary>
    public (string Step, string Percent, string Valid) Discount { get; init; } = ("", "10", "7d");

    /// <summary>The settings keys each field is saved under.</summary>
    internal IReadOnlyList<(string Key, string Value)> Settings =>
    [
        ("flows.abandoned_cart.enabled", Enabled ? "true" : "false"), ("flows.abandoned_cart.delays", Delays.Trim()),
        ("flows.abandoned_cart.reentry", Reentry.Trim()), ("flows.quiet_hours", QuietHours.Trim()), ("flows.time_zone", TimeZone.Trim()),
        ("flows.frequency_cap", FrequencyCap.Trim()), ("flows.abandoned_cart.subject", Subject), ("flows.abandoned_cart.html", Html),
        ("flows.abandoned_cart.text", Text), ("flows.abandoned_cart.discount_step", Discount.Step.Trim()),
        ("flows.abandoned_cart.discount_percent", Discount.Percent.Trim()), ("flows.abandoned_cart.discount_valid", Discount.Valid.Trim()),
    ];

    internal static FlowForm From(IReadOnlyDictionary<string, string> settings)
    {
        string Value(string key) => settings.GetValueOrDefault(key, Data.Settings.DefaultSettings.All.GetValueOrDefault(key, ""));
        return new FlowForm(Value("flows.abandoned_cart.enabled") == "true", Value("flows.abandoned_cart.delays"), Value("flows.abandoned_cart.reentry"),
            Value("flows.quiet_hours"), Value("flows.time_zone"), Value("flows.frequency_cap"), Value("flows.abandoned_cart.subject"),
            Value("flows.abandoned_cart.html"), Value("flows.abandoned_cart.text"))
        {
            Discount = (Value("flows.abandoned_cart.discount_step"), Value("flows.abandoned_cart.discount_percent"), Value("flows.abandoned_cart.discount_valid")),
        };
    }
}
