namespace NopSegments.Web.Admin;

/// <summary>
/// What the Store events page says about the way in: events waiting, events shed since start, whether the database is
/// refusing writes now, and how many refused events are kept.
/// </summary>
public sealed record PipelineHealth(
    long Waiting, long ShedBrowsing, long ShedStore, (DateTimeOffset Since, string Error)? Failing, int DeadLetters);
