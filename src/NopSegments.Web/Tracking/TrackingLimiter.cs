using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>Per-visitor (or per-address, before a visitor exists) sliding window on events posted by browsers.</summary>
internal sealed class TrackingLimiter(IOptions<NopSegmentsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.BrowserEventsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? Refuse(string key, int events)
    {
        using var lease = limiter.AttemptAcquire(key, events);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(10);
    }

    public void Dispose() => limiter.Dispose();
}
