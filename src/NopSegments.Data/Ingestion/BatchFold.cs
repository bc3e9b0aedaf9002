using System.Text.Json;
using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Folds a batch's new events onto each profile's stored state, in memory, so it can run on the other core
/// while the database takes the events. Profiles it cannot fold on top of their state come back to be refolded
/// from storage once the events are in.
/// </summary>
internal sealed class BatchFold
{
    private static readonly TimeSpan LateTolerance = TimeSpan.FromSeconds(5);

    public Dictionary<long, ProfileState> Folded { get; } = [];

    /// <summary>Merged profiles, and profiles with events later than the tolerance: history arriving after live events.</summary>
    public HashSet<long> FromStorage { get; } = [];

    private readonly Dictionary<long, (ProfileState State, ProfileRows.Row Row)> rows = [];

    /// <summary>Makes the folded profiles' rows now, on the fold's core, while the database is still taking the events.</summary>
    public BatchFold WithRows(DateTime now)
    {
        foreach (var (id, state) in Folded)
            rows[id] = (state, ProfileRows.Values(id, state, now));
        return this;
    }

    /// <summary>Every folded profile's row: the one made beforehand unless the profile was folded again since.</summary>
    public List<ProfileRows.Row> Rows(DateTime now) =>
        [.. Folded.Select(p => rows.TryGetValue(p.Key, out var made) && ReferenceEquals(made.State, p.Value) ? made.Row : ProfileRows.Values(p.Key, p.Value, now))];

    public static BatchFold Run(IReadOnlyDictionary<long, string> storedState, IEnumerable<EventRow> rows, IReadOnlySet<long> mustRefold)
    {
        var fold = new BatchFold();
        foreach (var group in rows.GroupBy(r => r.ProfileId))
        {
            var state = JsonSerializer.Deserialize<ProfileState>(storedState[group.Key]) ?? new ProfileState();
            var ordered = group.Select(r => r.Event).OrderBy(e => e.OccurredAt).ToList();
            // Concurrent requests reach the queue slightly out of order; a moment late still folds on top.
            if (mustRefold.Contains(group.Key) || (state.LastSeen is { } last && ordered[0].OccurredAt < last - LateTolerance))
            {
                fold.FromStorage.Add(group.Key);
                continue;
            }
            var accumulator = new ProfileAccumulator(state);
            foreach (var e in ordered)
                accumulator.Apply(e);
            fold.Folded[group.Key] = accumulator.State;
        }
        fold.FromStorage.UnionWith(mustRefold);
        return fold;
    }

    /// <summary>Folds <paramref name="profiles"/> again from only their <paramref name="rows"/> (the events that were new).</summary>
    public void Redo(IReadOnlyDictionary<long, string> storedState, IReadOnlySet<long> profiles, IEnumerable<EventRow> rows, IReadOnlySet<long> mustRefold)
    {
        Folded.Keys.Where(profiles.Contains).ToList().ForEach(id => Folded.Remove(id));
        FromStorage.ExceptWith(profiles);
        var again = Run(storedState, rows.Where(r => profiles.Contains(r.ProfileId)), mustRefold);
        foreach (var (id, state) in again.Folded)
            Folded[id] = state;
        FromStorage.UnionWith(again.FromStorage);
    }

    public static ProfileState FoldAll(IEnumerable<StoreEvent> events)
    {
        var accumulator = new ProfileAccumulator(new ProfileState());
        foreach (var e in events)
            accumulator.Apply(e);
        return accumulator.State;
    }
}
