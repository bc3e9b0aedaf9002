namespace NopSegments.Data.Segments;

/// <summary>A query the set-based translation cannot express yet; the caller evaluates it profile by profile.</summary>
internal sealed class SetBasedUnsupportedException(string reason) : Exception(reason);
