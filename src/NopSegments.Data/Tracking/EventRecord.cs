namespace NopSegments.Data.Tracking;

/// <summary>A stored event as the admin reads it; properties stay JSON text.</summary>
internal sealed record EventRecord(
    string Name, string VisitorId, string? CustomerId, string? SessionId, DateTime OccurredAt, string Properties);
