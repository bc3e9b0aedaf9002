using NopSegments.Tracking;

namespace NopSegments.Web.Tracking;

/// <summary>An event waiting for the writer; in durable mode with the caller waiting for the batch that stores it.</summary>
internal readonly record struct QueuedEvent(StoreEvent Event, TaskCompletionSource<TrackResult>? Stored = null);
