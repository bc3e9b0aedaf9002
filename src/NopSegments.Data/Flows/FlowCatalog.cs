namespace NopSegments.Data.Flows;

/// <summary>
/// The built-in flows and the settings each starts from (all off until a merchandiser enables one), and the keys a
/// flow reads — custom flows read the same ones under their own key.
/// </summary>
internal static class FlowCatalog
{
    public const string AbandonedCart = "abandoned_cart";
    public const string AbandonedCheckout = "abandoned_checkout";
    public const string BrowseAbandonment = "browse_abandonment";
    public const string BuyingIntent = "buying_intent";
    public const string WinBack = "win_back";
    public const string PostPurchase = "post_purchase";

    /// <summary>The settings key listing the custom flows' keys, comma separated.</summary>
    public const string CustomKey = "flows.custom";

    /// <summary>A built-in flow: its name, what it is for, and the values its keys start with.</summary>
    public sealed record BuiltIn(string Key, string Name, string Purpose, IReadOnlyDictionary<string, string> Defaults);

    /// <summary>Every key a flow reads, after <c>flows.&lt;key&gt;.</c>.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "name", "enabled", "trigger", "filter", "exit_when", "exit", "delays", "channels", "reentry",
        "discount_step", "discount_percent", "discount_valid", "subject", "html", "text", "sms",
        "intent_views", "intent_within", "intent_category",
    ];

    public static readonly IReadOnlyList<BuiltIn> BuiltIns =
    [
        Make(AbandonedCart, "Abandoned cart", "A customer left products in the cart and did not order.",
            "added_to_cart", "ordered,cart_emptied", "1h,24h,72h", "7d"),
        Make(AbandonedCheckout, "Abandoned checkout", "A customer started the checkout and did not finish it.",
            "checkout_started", "ordered,cart_emptied", "1h,24h", "7d"),
        Make(BrowseAbandonment, "Browse abandonment", "A customer looked at a product and left without adding anything to the cart.",
            "product_viewed", "ordered,carted", "2h", "7d"),
        Make(BuyingIntent, "Buying intent", "A customer kept coming back to the same product (or a category you name) without buying.",
            "product_viewed", "ordered,carted", "30m", "14d", ("intent_views", "3"), ("intent_within", "7d")),
        Make(WinBack, "Win-back", "A customer has not ordered since the first step's delay after their last order.",
            "order_placed", "ordered", "60d,90d", "1d"),
        Make(PostPurchase, "Post-purchase follow-up", "A customer placed an order: thank them and ask how it went.",
            "order_placed", "", "7d", "1d"),
    ];

    public static BuiltIn? Find(string key) => BuiltIns.FirstOrDefault(b => b.Key == key);

    /// <summary>What a new custom flow's keys start as: off, no trigger yet, one email a day after it.</summary>
    public static IReadOnlyDictionary<string, string> CustomDefaults { get; } =
        Make("custom", "Custom flow", "", "", "", "1d", "7d").Defaults;

    /// <summary>The default settings of every built-in flow, as the settings table holds them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> DefaultSettings() =>
        BuiltIns.SelectMany(b => b.Defaults.Select(d => KeyValuePair.Create($"flows.{b.Key}.{d.Key}", d.Value)))
            .Append(KeyValuePair.Create(CustomKey, ""));

    /// <summary>Whether <paramref name="key"/> is a flow setting (of a built-in or of a custom flow's key).</summary>
    public static bool IsFlowSetting(string key)
    {
        var parts = key.Split('.');
        return parts.Length == 3 && parts[0] == "flows" && FlowKeys.IsValid(parts[1]) && Fields.Contains(parts[2]);
    }

    private static BuiltIn Make(string key, string name, string purpose, string trigger, string exitWhen, string delays, string reentry,
        params (string Field, string Value)[] more)
    {
        var defaults = new Dictionary<string, string>
        {
            ["enabled"] = "false", ["trigger"] = trigger, ["filter"] = "", ["exit_when"] = exitWhen, ["exit"] = "", ["delays"] = delays,
            ["channels"] = "email", ["reentry"] = reentry, ["discount_step"] = "", ["discount_percent"] = "10", ["discount_valid"] = "7d",
            // Empty: the built-in templates of the flow.
            ["subject"] = "", ["html"] = "", ["text"] = "", ["sms"] = "",
        };
        foreach (var (field, value) in more)
            defaults[field] = value;
        return new BuiltIn(key, name, purpose, defaults);
    }
}

/// <summary>What a flow's key may be: lower case letters, digits and underscores, starting with a letter.</summary>
internal static partial class FlowKeys
{
    public static bool IsValid(string key) => Pattern().IsMatch(key);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
