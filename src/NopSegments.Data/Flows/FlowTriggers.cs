using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;

namespace NopSegments.Data.Flows;

/// <summary>
/// Who a flow's trigger fired for: each known customer's latest trigger (an event of the flow's name, or entering its
/// segment) within the flow's look-back, or for buying intent the product (or category) they viewed often enough.
/// Only customers whose profile changed since the runner's last look are weighed — a change that also catches events
/// merged in from the visitor they were before logging in.
/// </summary>
internal sealed class FlowTriggers(SegmentsDbContextFactory contexts)
{
    public sealed record Candidate(long ProfileId, string CustomerId, DateTime At, string Properties);

    /// <summary>Where a look starts: profiles changed after <see cref="At"/> (at it, only those with a greater id).</summary>
    public sealed record Cursor(DateTime At, long AfterId);

    /// <summary>Customers' profiles changed after a cursor, oldest change first, and where the next look starts.</summary>
    public sealed record Changes(IReadOnlyList<long> Profiles, Cursor Next);

    public const int MostProfilesPerLook = 2_000;

    // Rows stamped just before a look may commit just after it: a look that read everything starts the next one a little
    // before it ended (the entries' rules make reading a trigger twice harmless).
    private static readonly TimeSpan LookOverlap = TimeSpan.FromMinutes(5);

    public async Task<Changes> ChangedAsync(Cursor from, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var changed = await db.Profiles.AsNoTracking()
            .Where(p => p.CustomerId != null && (p.UpdatedAt > from.At || (p.UpdatedAt == from.At && p.Id > from.AfterId)) && p.UpdatedAt <= now)
            .OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).Take(MostProfilesPerLook).Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(ct);
        // A full page leaves the rest for the next run, from the last change read.
        return new Changes([.. changed.Select(p => p.Id)],
            changed.Count == MostProfilesPerLook ? new Cursor(changed[^1].UpdatedAt, changed[^1].Id) : new Cursor(now - LookOverlap, 0));
    }

    public async Task<IReadOnlyList<Candidate>> FindAsync(FlowDefinition flow, Changes changes, DateTime since, DateTime now, CancellationToken ct)
    {
        var from = now - flow.Lookback;
        await using var db = contexts.Create();
        if (flow.Trigger.SegmentSlug is { } slug)
        {
            var entered = await db.SegmentTransitions.AsNoTracking()
                .Where(t => t.Kind == SegmentTransition.Entered && t.At > from && t.At > since && t.At <= now
                    && db.Segments.Any(s => s.Id == t.SegmentId && s.Slug == slug))
                .Join(db.Profiles.Where(p => p.CustomerId != null), t => t.ProfileId, p => p.Id, (t, p) => new { t.ProfileId, p.CustomerId, t.At })
                .GroupBy(t => new { t.ProfileId, t.CustomerId }).Select(g => new { g.Key.ProfileId, g.Key.CustomerId, At = g.Max(t => t.At) })
                .Take(MostProfilesPerLook).ToListAsync(ct);
            return [.. entered.Select(e => new Candidate(e.ProfileId, e.CustomerId!, e.At, "{}"))];
        }
        if (changes.Profiles.Count == 0)
            return [];
        var name = flow.Trigger.EventName!;
        var ids = changes.Profiles;
        var events = await db.Events.AsNoTracking()
            .Where(e => ids.Contains(e.ProfileId!.Value) && e.Name == name && e.OccurredAt > from && e.OccurredAt <= now)
            .Join(db.Profiles.Where(p => p.CustomerId != null), e => e.ProfileId, p => p.Id,
                (e, p) => new { ProfileId = p.Id, p.CustomerId, e.OccurredAt, e.Properties })
            .ToListAsync(ct);
        var candidates = new List<Candidate>();
        foreach (var person in events.GroupBy(e => e.ProfileId))
        {
            var ordered = person.OrderBy(e => e.OccurredAt).Select(e => new Candidate(e.ProfileId, e.CustomerId!, e.OccurredAt, e.Properties)).ToList();
            if ((flow.Intent is { } intent ? Intent(ordered, intent, now) : ordered[^1]) is { } chosen)
                candidates.Add(chosen);
        }
        return candidates;
    }

    /// <summary>The latest view of the product (or of the named category) viewed at least the rule's times in its window.</summary>
    private static Candidate? Intent(List<Candidate> views, IntentRule rule, DateTime now)
    {
        var recent = views.Where(v => v.At > now - rule.Within).Select(v => (View: v, Props: StoredEventReader.Properties(v.Properties))).ToList();
        var groups = rule.Category is { } category
            ? recent.Where(v => string.Equals(v.Props.GetValueOrDefault("category") as string, category, StringComparison.OrdinalIgnoreCase))
                .GroupBy(_ => category)
            : recent.Where(v => v.Props.GetValueOrDefault("sku") is string).GroupBy(v => (string)v.Props["sku"]!);
        return groups.Where(g => g.Count() >= rule.Views).Select(g => g.Last().View).MaxBy(v => v.At);
    }
}
