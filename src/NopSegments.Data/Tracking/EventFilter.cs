namespace NopSegments.Data.Tracking;

/// <summary>
/// Which recent events the admin asks for: one visitor, customer or profile, one event name; older than
/// <paramref name="Before"/> for the pages after the first.
/// </summary>
internal sealed record EventFilter(string? VisitorId, string? Name, int Limit = 200, long? ProfileId = null, PageCursor? Before = null);
