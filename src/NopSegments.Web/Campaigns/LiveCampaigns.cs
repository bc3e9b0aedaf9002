using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Campaigns;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// The live campaigns held in memory for the offer decision: read again at once after this node saves or changes one,
/// and every <see cref="NopSegmentsOptions.CampaignRefreshInterval"/> for what other nodes saved. While a reload runs,
/// pages keep deciding on the last one; a failed reload keeps it too.
/// </summary>
internal sealed class LiveCampaigns(CampaignStore store, TimeProvider clock, IOptions<NopSegmentsOptions> options, ILogger<LiveCampaigns> logger) : IDisposable
{
    private readonly SemaphoreSlim reloading = new(1, 1);
    private Snapshot? current;
    private bool stale = true;

    /// <summary>The decision's campaigns at one moment.</summary>
    public sealed record Snapshot(CampaignDecider Decider, FrozenDictionary<string, CampaignDefinition> BySlug, DateTimeOffset LoadedAt, IReadOnlyList<string> Unreadable)
    {
        public IReadOnlyDictionary<string, TimeSpan> Windows { get; } = BySlug.ToFrozenDictionary(c => c.Key, c => c.Value.ConversionWindow, StringComparer.Ordinal);
    }

    /// <summary>The campaigns last read, or null before the first read.</summary>
    public Snapshot? Current => current;

    public void Invalidate() => stale = true;

    public void Dispose() => reloading.Dispose();

    public async ValueTask<Snapshot> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (current is { } known && !stale && now - known.LoadedAt < options.Value.CampaignRefreshInterval)
            return known;
        if (current is not null && !await reloading.WaitAsync(0, ct))
            return current;
        if (current is null)
            await reloading.WaitAsync(ct);
        try
        {
            if (current is { } again && !stale && now - again.LoadedAt < options.Value.CampaignRefreshInterval)
                return again;
            stale = false;
            var unreadable = new List<string>();
            var live = await store.LiveAsync(unreadable, ct);
            current = new Snapshot(new CampaignDecider(live), live.ToFrozenDictionary(c => c.Slug, StringComparer.Ordinal), now, unreadable);
            return current;
        }
        catch (Exception ex) when (current is not null && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not reload the live campaigns; offers keep the ones loaded at {LoadedAt}", current.LoadedAt);
            return current;
        }
        finally
        {
            reloading.Release();
        }
    }
}
