namespace NopSegments.Data.Tracking;

/// <summary>
/// An event the database refused on its own (a batch without it was stored), kept in <c>nopsegments_dead_letters</c> with
/// the reason until an admin retries or discards it.
/// </summary>
public sealed class DeadLetter
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string Name { get; set; }
    public required string VisitorId { get; set; }
    public string? CustomerId { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime FailedAt { get; set; }
    public int Attempts { get; set; }
    public required string Reason { get; set; }

    /// <summary>The whole event as JSON, control characters escaped, so the row stores whatever the event held.</summary>
    public required string Event { get; set; }
}
