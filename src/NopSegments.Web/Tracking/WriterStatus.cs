namespace NopSegments.Web.Tracking;

/// <summary>What the admin shows of the writer's health: whether the database is refusing writes now, and since when.</summary>
internal sealed class WriterStatus(TimeProvider clock)
{
    private readonly Lock gate = new();
    private DateTimeOffset? failingSince;
    private string? lastError;
    private long deadLettered;

    public (DateTimeOffset Since, string Error)? Failing
    {
        get
        {
            lock (gate)
                return failingSince is { } since ? (since, lastError ?? "") : null;
        }
    }

    /// <summary>Events the writer put in the dead letters since the store started.</summary>
    public long DeadLetteredSinceStart => Interlocked.Read(ref deadLettered);

    public void Failed(Exception error)
    {
        lock (gate)
        {
            failingSince ??= clock.GetUtcNow();
            lastError = error.Message;
        }
    }

    public void Recovered()
    {
        lock (gate)
            (failingSince, lastError) = (null, null);
    }

    public void DeadLettered() => Interlocked.Increment(ref deadLettered);
}
