using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Sliding windows on events posted by browsers: per visitor cookie, per address (a script can mint fresh cookies but
/// not fresh addresses), and one ceiling for the whole store, so a flood from one place never crowds out other shoppers.
/// </summary>
internal sealed class TrackingLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> visitors;
    private readonly PartitionedRateLimiter<string> addresses;
    private readonly RateLimiter store;

    public TrackingLimiter(IOptions<NopSegmentsOptions> options)
    {
        var o = options.Value;
        visitors = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerMinute(o.BrowserEventsPerMinute)));
        addresses = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerMinute(o.AddressEventsPerMinute)));
        store = new SlidingWindowRateLimiter(PerMinute(o.StoreEventsPerMinute));
    }

    /// <summary>Null when allowed; otherwise who is over the limit and how long to wait.</summary>
    public (string Who, TimeSpan Wait)? Refuse(string? visitor, IPAddress? address, int events)
    {
        var addressKey = address?.ToString() ?? "unknown";
        if (Wait(store.AttemptAcquire(events)) is { } storeWait)
            return ("this store", storeWait);
        if (Refused(addresses, addressKey, events) is { } addressWait)
            return ("this address", addressWait);
        // A visitor without a valid cookie gets a new id on every request: until it has one, its address is the limit.
        if (visitor is not null && Refused(visitors, visitor, events) is { } visitorWait)
            return ("this visitor", visitorWait);
        return null;
    }

    private static TimeSpan? Refused(PartitionedRateLimiter<string> limiter, string key, int events) => Wait(limiter.AttemptAcquire(key, events));

    private static TimeSpan? Wait(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired)
                return null;
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(10);
        }
    }

    private static SlidingWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };

    public void Dispose()
    {
        visitors.Dispose();
        addresses.Dispose();
        store.Dispose();
    }
}
