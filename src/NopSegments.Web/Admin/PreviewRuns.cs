using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NopSegments.Data.Segments;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>
/// Live previews that outlast their answer time keep counting here, each up to the preview limit, so the editor can
/// say "still counting" at once and show the count when it comes instead of making the merchandiser wait or retype.
/// </summary>
internal sealed class PreviewRuns(SavedSegments segments, IOptions<NopSegmentsOptions> options, TimeProvider clock) : IDisposable
{
    // Enough for a couple of editors; a newer one cancels the oldest, which its editor has long moved past.
    private const int MostRunning = 4;
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, Run> runs = new(StringComparer.Ordinal);

    internal sealed class Run(Task<SegmentPreview> preview, CancellationTokenSource stop, DateTimeOffset started)
    {
        public Task<SegmentPreview> Preview { get; } = preview;
        public CancellationTokenSource Stop { get; } = stop;
        public DateTimeOffset Started { get; } = started;
        public DateTimeOffset? Finished { get; set; }
    }

    /// <summary>Starts the preview, stopped when <see cref="NopSegmentsOptions.PreviewTimeLimit"/> passes.</summary>
    public (string Id, Run Run) Start(string query, string? slug)
    {
        Tidy();
        var stop = new CancellationTokenSource();
        var limit = options.Value.PreviewTimeLimit;
        if (limit <= TimeSpan.Zero)
            stop.Cancel();
        else
            stop.CancelAfter(limit);
        var run = new Run(Task.Run(() => segments.PreviewAsync(query, slug, stop.Token), CancellationToken.None), stop, clock.GetUtcNow());
        _ = run.Preview.ContinueWith(_ => run.Finished = clock.GetUtcNow(), TaskScheduler.Default);
        var id = Guid.NewGuid().ToString("N");
        runs[id] = run;
        return (id, run);
    }

    /// <summary>
    /// The form's Preview button: the preview, or null when it ran past the limit (the query is cancelled where the
    /// database can); a query error is thrown as it is.
    /// </summary>
    public async Task<SegmentPreview?> WithinLimitAsync(string query, string? slug, CancellationToken ct)
    {
        var (id, run) = Start(query, slug);
        try
        {
            var preview = await run.Preview.WaitAsync(ct);
            // One that ran past the limit as it finished is past it all the same: the answer does not depend on which came first.
            return run.Stop.IsCancellationRequested ? null : preview;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            if (ct.IsCancellationRequested)
                Abandon(id);
            else
                Forget(id);
        }
    }

    public Run? Find(string id) => runs.TryGetValue(id, out var run) ? run : null;

    /// <summary>Stops and forgets a run nobody waits for any more.</summary>
    public void Abandon(string id)
    {
        if (runs.TryRemove(id, out var run))
            run.Stop.Cancel();
    }

    /// <summary>Forgets a finished run whose answer has been given.</summary>
    public void Forget(string id)
    {
        if (runs.TryRemove(id, out var run))
            run.Stop.Dispose();
    }

    private void Tidy()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, run) in runs.Where(r => r.Value.Finished is { } done && now - done > Kept).ToList())
        {
            if (runs.TryRemove(id, out _))
                run.Stop.Dispose();
        }
        foreach (var (id, _) in runs.Where(r => r.Value.Finished is null).OrderByDescending(r => r.Value.Started).Skip(MostRunning - 1).ToList())
            Abandon(id);
    }

    public void Dispose()
    {
        foreach (var run in runs.Values)
        {
            run.Stop.Cancel();
            run.Stop.Dispose();
        }
        runs.Clear();
    }
}
