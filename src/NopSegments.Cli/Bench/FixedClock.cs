namespace NopSegments.Cli.Bench;

/// <summary>A clock stopped at the benchmark's "now" (the day after the data's last order).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
