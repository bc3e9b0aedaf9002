namespace NopSegments.Data.Tracking;

/// <summary>A stored event as the admin reads it; properties stay JSON text.</summary>
/// <remarks>Public only because the admin's Razor components (always public) take it as a parameter.</remarks>
public sealed record EventRecord(
    string Name, string VisitorId, string? CustomerId, string? SessionId, DateTime OccurredAt, string Properties)
{
    /// <summary>The profile the event belongs to.</summary>
    public long? ProfileId { get; init; }

    /// <summary>The stored row's id: with the time, where the next older page starts.</summary>
    public long Id { get; init; }

    public PageCursor Cursor => new(OccurredAt, Id);
}
