namespace NopSegments.Data.Tracking;

/// <summary>Which recent events the admin asks for: one visitor or customer, one event name.</summary>
internal sealed record EventFilter(string? VisitorId, string? Name, int Limit = 200);
