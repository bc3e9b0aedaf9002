using System.Collections.Concurrent;
using NopSegments.Data.Profiles;
using NopSegments.Language;

namespace NopSegments.Data.Flows;

/// <summary>
/// Whether a person may be in a flow now: its built-in exits (ordered, emptied the cart, added to it since a moment),
/// unsubscribing, and its segment-language filters, each evaluated on the profile as it is now.
/// </summary>
internal sealed class FlowConditions(FlowStore store, ProfileSnapshots snapshots)
{
    public const string Filter = "filter";
    public const string ExitFilter = "exit_filter";
    public const string Erased = "profile_erased";
    public const string Unsubscribed = "unsubscribed";

    // Filters are parsed once per text: a run weighs many people against the same few flows.
    private readonly ConcurrentDictionary<string, SegmentQuery> parsed = new(StringComparer.Ordinal);

    /// <summary>Why the person should not be in the flow since <paramref name="since"/> (their entry), or null.</summary>
    public async Task<string?> ExitReasonAsync(FlowDefinition flow, long profileId, DateTime since, DateTimeOffset now, CancellationToken ct) =>
        await ReasonAsync(flow, profileId, since, now, entering: false, ct);

    /// <summary>Why a trigger at <paramref name="at"/> does not enter the person (an exit already true, or the filter), or null.</summary>
    public async Task<string?> RefusalAsync(FlowDefinition flow, long profileId, DateTime at, DateTimeOffset now, CancellationToken ct) =>
        await ReasonAsync(flow, profileId, at, now, entering: true, ct);

    private async Task<string?> ReasonAsync(FlowDefinition flow, long profileId, DateTime since, DateTimeOffset now, bool entering, CancellationToken ct)
    {
        var profile = await store.ProfileAsync(profileId, ct);
        if (profile is null)
            return Erased;
        if (flow.ExitWhen.Contains(FlowExits.Ordered) && profile.LastOrderAt > since)
            return FlowExits.Ordered;
        if (flow.ExitWhen.Contains(FlowExits.CartEmptied) && profile.CartItemsCount == 0)
            return FlowExits.CartEmptied;
        // At the trigger's own instant too: a product page's add button views and adds in one moment.
        if (flow.ExitWhen.Contains(FlowExits.Carted) && profile.LastAddedToCartAt >= since)
            return FlowExits.Carted;
        if (profile.Unsubscribed)
            return Unsubscribed;
        var filter = entering && flow.Filter is { } f ? Parse(f) : null;
        var exit = flow.ExitQuery is { } x ? Parse(x) : null;
        if (filter is null && exit is null)
            return null;
        var snapshot = await snapshots.OneAsync(profileId, now, (filter?.UsesRfm ?? false) || (exit?.UsesRfm ?? false), ct);
        if (snapshot is null)
            return Erased;
        if (filter is not null && !filter.Matches(snapshot))
            return Filter;
        return exit is not null && exit.Matches(snapshot) ? ExitFilter : null;
    }

    // A segment renamed or deleted since the flow was saved leaves the filter unreadable: the flow's page says so
    // (FlowSettings reads it with the slugs), and here it matches no one rather than everyone.
    private SegmentQuery Parse(string text) => parsed.GetOrAdd(text, t => SegmentQuery.Parse(t));
}
