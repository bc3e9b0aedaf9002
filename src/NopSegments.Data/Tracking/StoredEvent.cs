namespace NopSegments.Data.Tracking;

/// <summary>A store event as kept in <c>nopsegments_events</c>.</summary>
internal sealed class StoredEvent
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string Name { get; set; }
    public required string VisitorId { get; set; }
    public long? ProfileId { get; set; }
    public string? CustomerId { get; set; }
    public string? SessionId { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string Properties { get; set; }

    // The properties segments filter on most (EventRow.PropertyColumns), lower-cased: compared in SQL without parsing
    // every event's JSON.
    public string? Category { get; set; }
    public string? Sku { get; set; }
    public string? DiscountCode { get; set; }
    public string? Source { get; set; }
}
