namespace NopSegments.Data.Campaigns;

/// <summary>
/// An onsite campaign as the merchandiser defines it: who sees it (a saved segment, and conditions on the current visit),
/// where and when it shows, how often, what it says, and how its traffic splits between variants and a holdout.
/// </summary>
public sealed record CampaignDefinition(
    string Slug, string Name, CampaignAudience Audience, CampaignPlacement Placement, CampaignTrigger Trigger, CampaignSchedule Schedule,
    int Priority, CampaignCaps Caps, CampaignContent Content, IReadOnlyList<CampaignVariant> Variants, int HoldoutPercent)
{
    /// <summary>A single-use code issued when the offer is first shown to a person; null for none.</summary>
    public CampaignDiscount? Discount { get; init; }

    /// <summary>An order this long after an impression or a click counts as the campaign's conversion.</summary>
    public TimeSpan ConversionWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Stop showing it to a person once they converted (ordered within the window) or closed it.</summary>
    public bool StopAfterConversion { get; init; } = true;

    public bool StopAfterClose { get; init; } = true;
}

/// <summary>A saved segment's slug (null: everyone), and conditions on the visit; an empty list means any.</summary>
public sealed record CampaignAudience(string? Segment)
{
    public IReadOnlyList<string> PageTypes { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> UtmSources { get; init; } = [];
    public IReadOnlyList<string> UtmCampaigns { get; init; } = [];
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>"new", "returning", or null for any session.</summary>
    public string? Session { get; init; }

    public decimal? MinCartValue { get; init; }
    public decimal? MaxCartValue { get; init; }
}

/// <summary>Where the offer shows: a host widget zone by nopCommerce's name, a top bar, or a pop-up.</summary>
public sealed record CampaignPlacement(string Kind, string? Zone)
{
    public const string ZoneKind = "zone";
    public const string TopBar = "top_bar";
    public const string Popup = "popup";

    /// <summary>The slot several campaigns compete for: a zone's name, "top_bar" or "popup".</summary>
    public string Slot => Kind == ZoneKind ? Zone! : Kind;
}

/// <summary>When on the page the offer appears: on arrival, after a delay, at a scroll depth, or on exit intent.</summary>
public sealed record CampaignTrigger(string Kind, int Value)
{
    public const string Arrival = "arrival";
    public const string Delay = "delay";
    public const string Scroll = "scroll";
    public const string ExitIntent = "exit_intent";
}

/// <summary>When the campaign runs (UTC instants from the store's local times); null ends are open.</summary>
public sealed record CampaignSchedule(DateTimeOffset? Start, DateTimeOffset? End)
{
    public bool Covers(DateTimeOffset now) => (Start is null || now >= Start) && (End is null || now < End);
}

/// <summary>How often one person may see it: per session, per day, in all; 0 for no limit.</summary>
public sealed record CampaignCaps(int PerSession, int PerDay, int Total);

/// <summary>What the offer says; the body is HTML that is sanitized before it is shown.</summary>
public sealed record CampaignContent(string Title, string BodyHtml, Uri? Image, string? CallToAction, Uri? CallToActionUrl);

/// <summary>A variant: its share of the non-holdout traffic (weights are relative) and the content it changes.</summary>
public sealed record CampaignVariant(string Name, int Weight, CampaignContent? Content);

/// <summary>A single-use code of this percentage, working for this long after it is issued.</summary>
public sealed record CampaignDiscount(decimal Percent, TimeSpan Valid);
