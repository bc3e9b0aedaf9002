namespace NopSegments.Tracking;

/// <summary>The one call a host makes for every store event. Never throws for bad input.</summary>
public interface ISegmentsTracker
{
    /// <summary>Validates the event and queues it for storage; does no database round trip.</summary>
    /// <returns>Whether it was accepted, and why not when it was rejected.</returns>
    TrackResult Track(StoreEvent storeEvent);
}
