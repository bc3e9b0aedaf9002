using System.Collections.Frozen;
using System.Text;

namespace NopSegments.Data.Campaigns;

/// <summary>The current visit as a campaign's audience sees it.</summary>
public sealed record VisitFacts(string? PageType, string? Category, string? UtmSource, string? UtmCampaign, string? Device, bool NewSession, decimal CartValue);

/// <summary>
/// The person deciding for: a key that stays theirs (the customer id once known, else the visitor id) for sticky
/// assignment, their saved segments now, and what they have had of each campaign (by slug).
/// </summary>
public sealed record PersonFacts(string Key, IReadOnlySet<string> Segments, IReadOnlyDictionary<string, CampaignExposure> Exposure);

/// <summary>A person's history with one campaign: impressions this session, today and in all, and whether they closed it or converted.</summary>
public sealed record CampaignExposure(int ThisSession, int Today, int Total, bool Closed, bool Converted);

/// <summary>
/// What one slot shows: the campaign, the variant (null for the holdout, who sees nothing there), and its content.
/// </summary>
public sealed record OfferDecision(CampaignDefinition Campaign, string? Variant, CampaignContent? Content)
{
    public bool IsHoldout => Variant is null;
}

/// <summary>
/// Decides the offers of a page from the live campaigns held in memory — no database work per decision: per slot (a
/// widget zone, the top bar, the pop-up) the highest-priority campaign whose schedule, audience and caps let it show,
/// with a variant (or the holdout) assigned by a stable hash of the campaign and the person, so a person keeps theirs.
/// </summary>
public sealed class CampaignDecider
{
    private const int Buckets = 10_000;
    private readonly FrozenDictionary<string, CampaignDefinition[]> bySlot;

    public CampaignDecider(IEnumerable<CampaignDefinition> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        bySlot = live.GroupBy(c => c.Placement.Slot, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(c => c.Priority).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The slots that have campaigns.</summary>
    public IEnumerable<string> Slots => bySlot.Keys;

    public bool HasSlot(string slot) => bySlot.ContainsKey(slot);

    /// <summary>One decision per slot in <paramref name="slots"/> (all slots when null) that has a campaign to show.</summary>
    public IReadOnlyList<OfferDecision> Decide(VisitFacts visit, PersonFacts person, DateTimeOffset now, IEnumerable<string>? slots = null)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(person);
        var decisions = new List<OfferDecision>();
        foreach (var slot in slots ?? bySlot.Keys)
        {
            if (!bySlot.TryGetValue(slot, out var campaigns))
                continue;
            foreach (var campaign in campaigns)
            {
                if (Shows(campaign, visit, person, now))
                {
                    decisions.Add(Assign(campaign, person.Key));
                    break;
                }
            }
        }
        return decisions;
    }

    /// <summary>The variant (or holdout) a person gets in a campaign: the same every time for the same key.</summary>
    public static OfferDecision Assign(CampaignDefinition campaign, string personKey)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var bucket = (int)(Fnv1a($"{campaign.Slug}\n{personKey}") % Buckets);
        var holdout = campaign.HoldoutPercent * Buckets / 100;
        if (bucket < holdout)
            return new OfferDecision(campaign, null, null);
        var total = campaign.Variants.Sum(v => v.Weight);
        var point = (long)(bucket - holdout) * total / (Buckets - holdout);
        foreach (var variant in campaign.Variants)
        {
            if (point < variant.Weight)
                return new OfferDecision(campaign, variant.Name, variant.Content ?? campaign.Content);
            point -= variant.Weight;
        }
        var last = campaign.Variants[^1];
        return new OfferDecision(campaign, last.Name, last.Content ?? campaign.Content);
    }

    private static bool Shows(CampaignDefinition campaign, VisitFacts visit, PersonFacts person, DateTimeOffset now) =>
        Refusal(campaign, visit, person, now) is null;

    /// <summary>
    /// Why the campaign would not show to this person on this visit (null: it would); without a visit, only the schedule,
    /// the segment, caps and stops are weighed. The admin's preview explains itself with it.
    /// </summary>
    public static string? Refusal(CampaignDefinition campaign, VisitFacts? visit, PersonFacts person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(person);
        if (!campaign.Schedule.Covers(now))
            return "outside its schedule";
        var audience = campaign.Audience;
        if (audience.Segment is { } segment && !person.Segments.Contains(segment))
            return $"not in the segment '{segment}'";
        if (visit is not null && VisitRefusal(audience, visit) is { } visitRefusal)
            return visitRefusal;
        if (!person.Exposure.TryGetValue(campaign.Slug, out var had))
            return null;
        var caps = campaign.Caps;
        if (campaign.StopAfterClose && had.Closed)
            return "closed it before";
        if (campaign.StopAfterConversion && had.Converted)
            return "ordered after seeing it";
        if (caps.PerSession > 0 && had.ThisSession >= caps.PerSession)
            return $"saw it {had.ThisSession} time(s) this session (cap {caps.PerSession})";
        if (caps.PerDay > 0 && had.Today >= caps.PerDay)
            return $"saw it {had.Today} time(s) in the last 24 hours (cap {caps.PerDay})";
        if (caps.Total > 0 && had.Total >= caps.Total)
            return $"saw it {had.Total} time(s) in all (cap {caps.Total})";
        return null;
    }

    private static string? VisitRefusal(CampaignAudience audience, VisitFacts visit)
    {
        if (!Among(audience.PageTypes, visit.PageType))
            return $"the page is not a {string.Join(" or ", audience.PageTypes)} page";
        if (!Among(audience.Categories, visit.Category))
            return $"the page is not in {string.Join(" or ", audience.Categories)}";
        if (!Among(audience.UtmSources, visit.UtmSource) || !Among(audience.UtmCampaigns, visit.UtmCampaign))
            return "the visit came from another source or campaign";
        if (!Among(audience.Devices, visit.Device))
            return $"the device is not {string.Join(" or ", audience.Devices)}";
        if ((audience.Session == "new" && !visit.NewSession) || (audience.Session == "returning" && visit.NewSession))
            return $"the visitor is not {(audience.Session == "new" ? "new" : "returning")}";
        if (visit.CartValue < audience.MinCartValue || visit.CartValue > audience.MaxCartValue)
            return "the cart's value is outside the campaign's range";
        return null;
    }

    private static bool Among(IReadOnlyList<string> allowed, string? value)
    {
        if (allowed.Count == 0)
            return true;
        if (value is null)
            return false;
        foreach (var a in allowed)
        {
            if (string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    // FNV-1a over UTF-8: stable across processes and versions (string.GetHashCode is randomized per process).
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
