using NopSegments.Language;

namespace NopSegments.Data.Flows;

/// <summary>
/// One flow as the merchandiser set it: what starts it, who may enter, its steps, and what ends it early. Built-ins
/// (<see cref="FlowCatalog"/>) and custom flows read the same keys, <c>flows.&lt;key&gt;.*</c>.
/// </summary>
internal sealed record FlowDefinition(string Key, string Name, bool Enabled, FlowTrigger Trigger, IReadOnlyList<FlowStep> Steps, TimeSpan Reentry)
{
    /// <summary>A segment-language query the profile must match when it enters; null for everyone.</summary>
    public SegmentQuery? Filter { get; init; }

    /// <summary>A segment-language query checked before every step: a profile that matches it leaves.</summary>
    public SegmentQuery? ExitQuery { get; init; }

    /// <summary>The built-in exits checked before every step (<see cref="FlowExits"/>).</summary>
    public IReadOnlySet<string> ExitWhen { get; init; } = new HashSet<string>();

    /// <summary>For buying intent: the views that count as intent; null for other flows.</summary>
    public IntentRule? Intent { get; init; }

    /// <summary>The step (1, 2, …) whose message carries a single-use discount code, or null for none.</summary>
    public int? DiscountStep { get; init; }

    public decimal DiscountPercent { get; init; } = 10;

    /// <summary>How long an issued code works.</summary>
    public TimeSpan DiscountValid { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Whether a message shows and needs the cart (a cart flow leaves when the cart is empty at send time).</summary>
    public bool NeedsCart => ExitWhen.Contains(FlowExits.CartEmptied);

    /// <summary>How far back a trigger may lie and still enter: its first step may still be due.</summary>
    public TimeSpan Lookback => Steps[0].Delay + (Intent?.Within ?? TimeSpan.Zero) + TimeSpan.FromDays(1);
}

/// <summary>One step: how long after entering it is due, and the channel it goes through.</summary>
internal sealed record FlowStep(TimeSpan Delay, string Channel);

/// <summary>What starts a flow: an event of a name, or entering a saved segment.</summary>
internal sealed record FlowTrigger(string? EventName, string? SegmentSlug)
{
    public const string SegmentPrefix = "segment:";

    public override string ToString() => EventName ?? SegmentPrefix + SegmentSlug;
}

/// <summary>Buying intent: the same product (or, when named, one category) viewed <see cref="Views"/> times within a window.</summary>
internal sealed record IntentRule(int Views, TimeSpan Within, string? Category);

/// <summary>The built-in exits a flow may check before each step.</summary>
internal static class FlowExits
{
    /// <summary>An order placed after the person entered.</summary>
    public const string Ordered = "ordered";

    /// <summary>The cart holds nothing.</summary>
    public const string CartEmptied = "cart_emptied";

    /// <summary>Something added to the cart since the person entered (at that moment too).</summary>
    public const string Carted = "carted";

    public static readonly IReadOnlyList<string> All = [Ordered, CartEmptied, Carted];
}

/// <summary>The channels a step may go through.</summary>
internal static class FlowChannelNames
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Webhook];

    /// <summary>Channels that put a message in front of the person, and so count toward the frequency cap.</summary>
    public static bool IsMessage(string channel) => channel is Email or Sms;
}
