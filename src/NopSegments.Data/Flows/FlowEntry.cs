namespace NopSegments.Data.Flows;

/// <summary>One person's way through a flow: when they entered, the next step and when it is due, or how they left.</summary>
internal sealed class FlowEntry
{
    public const string Active = "active";
    public const string Exited = "exited";
    public const string Completed = "completed";

    /// <summary>Triggered but did not enter (the filter, or an exit already true): kept so the trigger is not weighed again.</summary>
    public const string Skipped = "skipped";

    public long Id { get; set; }
    public required string Flow { get; set; }
    public long ProfileId { get; set; }
    public string? CustomerId { get; set; }
    public DateTime EnteredAt { get; set; }

    /// <summary>The step to run next, from 0.</summary>
    public int NextStep { get; set; }
    public DateTime? NextDueAt { get; set; }
    public string Status { get; set; } = Active;
    public string? ExitReason { get; set; }
    public DateTime? ExitedAt { get; set; }

    /// <summary>The trigger event's properties as stored (JSON): the product viewed, the order placed; messages show them.</summary>
    public string? Context { get; set; }
}
