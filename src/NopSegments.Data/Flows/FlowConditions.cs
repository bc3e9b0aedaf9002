using NopSegments.Data.Profiles;

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
        var filter = entering ? flow.Filter : null;
        var exit = flow.ExitQuery;
        if (filter is null && exit is null)
            return null;
        var snapshot = await snapshots.OneAsync(profileId, now, (filter?.UsesRfm ?? false) || (exit?.UsesRfm ?? false), ct);
        if (snapshot is null)
            return Erased;
        if (filter is not null && !filter.Matches(snapshot))
            return Filter;
        return exit is not null && exit.Matches(snapshot) ? ExitFilter : null;
    }
}
