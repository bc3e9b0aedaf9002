using NopSegments.Tracking;

namespace NopSegments.Cli.Import;

/// <summary>A dataset read into store events, with what was read and what was skipped, and why.</summary>
internal sealed class ImportPlan
{
    public List<StoreEvent> Events { get; } = [];
    public long RowsRead { get; set; }
    public Dictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);
    public List<string> Problems { get; } = [];

    public void Skip(string reason, string? detail = null)
    {
        Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;
        if (detail is not null && Problems.Count < 10)
            Problems.Add(detail);
    }

    /// <summary>Equal times keep the file's order: a stable sort.</summary>
    public IReadOnlyList<StoreEvent> InTimeOrder() => [.. Events.OrderBy(e => e.OccurredAt)];
}
