namespace NopSegments.Data.Flows;

/// <summary>What the admin's flow page shows: entries by state, exits by reason, sends by step, the latest sends.</summary>
public sealed record FlowStats(
    int Entered, int Active, int Completed, IReadOnlyDictionary<string, int> Exits, IReadOnlyList<(int Step, int Sent, int Failed)> Steps,
    IReadOnlyList<FlowSend> Recent);
