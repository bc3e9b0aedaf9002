namespace NopSegments.Data.Flows;

/// <summary>
/// What a flow's page shows: entries by state, exits by reason and the step they left before, each step's sends and
/// what followed them (opens, clicks, credited orders and their revenue), a series by day, and the latest sends.
/// </summary>
public sealed record FlowStats(
    int Entered, int Active, int Completed, int Skipped, IReadOnlyList<FlowExitCount> Exits, IReadOnlyList<FlowStepStats> Steps,
    IReadOnlyList<FlowDay> Days, IReadOnlyList<FlowSend> Recent)
{
    /// <summary>Every exit, whatever the step.</summary>
    public IReadOnlyDictionary<string, int> ExitsByReason =>
        Exits.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));

    public decimal Revenue => Steps.Sum(s => s.Revenue);
}

/// <summary>People who left before <see cref="Step"/> (1, 2, …) for a reason.</summary>
public sealed record FlowExitCount(int Step, string Reason, int Count);

/// <summary>One step's sends and what followed them.</summary>
public sealed record FlowStepStats(int Step, int Sent, int Failed, int Skipped, int Opened, int Clicked, int Converted, decimal Revenue);

/// <summary>One day's sends, opens, clicks and credited orders (UTC days).</summary>
public sealed record FlowDay(DateOnly Day, int Sent, int Opened, int Clicked, int Converted);
