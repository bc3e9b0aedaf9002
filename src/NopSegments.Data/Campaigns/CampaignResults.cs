using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Data.Campaigns;

/// <summary>One arm of a campaign (a variant, or the holdout when <see cref="Variant"/> is null) and what it earned.</summary>
public sealed record VariantResult(string? Variant, int People, int Impressions, int Clicks, int Closes, int Conversions, decimal Revenue)
{
    public ConversionRate Rate => ConversionRate.Of(Conversions, People);
}

/// <summary>Impressions and conversions of one arm on one day (UTC), for the chart.</summary>
public sealed record ResultDay(DateOnly Day, string? Variant, int Impressions, int Conversions);

/// <summary>
/// What a campaign earned, per arm: the people who saw it (the holdout: who would have), their impressions, clicks and
/// closes, and conversions — a person converts when they order within the conversion window after one of their views
/// or clicks; each person counts once, with the value of every order in that window. A person belongs to the arm of
/// their first view.
/// </summary>
internal sealed class CampaignResults(SegmentsDbContextFactory contexts)
{
    public async Task<(IReadOnlyList<VariantResult> Arms, IReadOnlyList<ResultDay> Days)> ForAsync(string campaign, TimeSpan window, DateTime? since, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var serves = await db.Set<OfferServe>().AsNoTracking()
            .Where(o => o.Campaign == campaign && o.ViewedAt != null && (since == null || o.ViewedAt >= since))
            .GroupJoin(db.Identities, o => o.VisitorId, i => i.VisitorId, (o, i) => new { o, i })
            .SelectMany(x => x.i.DefaultIfEmpty(), (x, i) => new
            {
                x.o.Variant, x.o.VisitorId, ViewedAt = x.o.ViewedAt!.Value, x.o.ClickedAt, x.o.ClosedAt, ProfileId = i == null ? (long?)null : i.ProfileId,
            }).ToListAsync(ct);
        var people = serves.GroupBy(s => s.ProfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "v:" + s.VisitorId)
            .Select(g => new
            {
                g.First().ProfileId, Variant = g.MinBy(s => s.ViewedAt)!.Variant, First = g.Min(s => s.ViewedAt),
                Last = g.Max(s => s.ClickedAt is { } c && c > s.ViewedAt ? c : s.ViewedAt),
            }).ToList();
        var profiles = people.Where(p => p.ProfileId is not null).Select(p => p.ProfileId!.Value).Distinct().ToList();
        var orders = new List<(long Profile, DateTime At, decimal Value)>();
        var earliest = serves.Count == 0 ? default : serves.Min(s => s.ViewedAt);
        foreach (var chunk in profiles.Chunk(500))
        {
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.Name == EventNames.OrderPlaced && e.OccurredAt > earliest && chunk.Contains(e.ProfileId!.Value))
                .Select(e => new { ProfileId = e.ProfileId!.Value, e.OccurredAt, e.Properties }).ToListAsync(ct);
            orders.AddRange(rows.Select(r => (r.ProfileId, r.OccurredAt, StoredEventReader.Properties(r.Properties).GetValueOrDefault("value") as decimal? ?? 0m)));
        }
        var ordersOf = orders.ToLookup(o => o.Profile);
        var outcomes = people.Select(p =>
        {
            var won = p.ProfileId is { } id ? ordersOf[id].Where(o => o.At > p.First && o.At <= p.Last + window).ToList() : [];
            return new { p.Variant, p.First, Converted = won.Count > 0, FirstOrder = won.Count > 0 ? won.Min(o => o.At) : default, Revenue = won.Sum(o => o.Value) };
        }).ToList();
        var arms = serves.GroupBy(s => s.Variant).Select(g => new VariantResult(g.Key,
                outcomes.Count(o => o.Variant == g.Key), g.Count(), g.Count(s => s.ClickedAt != null), g.Count(s => s.ClosedAt != null),
                outcomes.Count(o => o.Variant == g.Key && o.Converted), outcomes.Where(o => o.Variant == g.Key).Sum(o => o.Revenue)))
            .OrderBy(a => a.Variant is null).ThenBy(a => a.Variant, StringComparer.Ordinal).ToList();
        var viewsByDay = serves.GroupBy(s => (Day: DateOnly.FromDateTime(s.ViewedAt), s.Variant)).ToDictionary(g => g.Key, g => g.Count());
        var winsByDay = outcomes.Where(o => o.Converted).GroupBy(o => (Day: DateOnly.FromDateTime(o.FirstOrder), o.Variant)).ToDictionary(g => g.Key, g => g.Count());
        var days = viewsByDay.Keys.Union(winsByDay.Keys).OrderBy(k => k.Day).ThenBy(k => k.Variant is null).ThenBy(k => k.Variant, StringComparer.Ordinal)
            .Select(k => new ResultDay(k.Day, k.Variant, viewsByDay.GetValueOrDefault(k), winsByDay.GetValueOrDefault(k))).ToList();
        return (arms, days);
    }
}
