namespace NopSegments.Web.Tracking;

/// <summary>The tracking endpoint's answer: how many events were taken, and why each refused one was refused.</summary>
internal sealed record TrackResponse(int Accepted, IReadOnlyList<RejectedEvent> Rejected, string? Ignored = null);

/// <summary>An event refused by position in the request.</summary>
internal sealed record RejectedEvent(int Index, string Reason);
