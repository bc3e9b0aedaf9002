using System.Diagnostics;
using System.Globalization;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// <c>nopsegments bench pageviews</c>: the background writer on the browser tracker's load — page views carrying
/// their session's properties, a few visitors, batches of the size the store's writer takes — so its CPU per event,
/// which the storefront's request threads lose, can be measured and profiled without a web server around it.
/// </summary>
internal static class PageViewBench
{
    private const int Products = 3_000;
    private static readonly string[] Visitors = [.. Enumerable.Range(0, 10_000).Select(v => $"v{v:D6}")];
    private static readonly string[] Sessions = [.. Enumerable.Range(0, 10_000).Select(v => $"s{v:D6}")];

    public static async Task<int> RunAsync(int events, int visitors, int batchSize, SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        if (visitors is < 1 or > 10_000)
            throw new CliException("--visitors must be between 1 and 10000");
        var lifecycle = new ModuleLifecycle(contexts);
        await lifecycle.UninstallAsync(ct);
        await lifecycle.InstallAsync(ct);
        var writer = new IngestionWriter(contexts, TimeProvider.System);
        var start = DateTimeOffset.UtcNow;
        // Requests build the properties; the writer's bill starts at the queue, so they are built once here.
        var pages = Enumerable.Range(0, Products).Select(Page).ToArray();
        // A fifth more first, untimed: with fewer than ~100k events behind it the JIT is still tiering the writer up.
        var warmUp = events / 5;
        // Each batch is made just before it is written, as the tracker's queue hands them over: a run's worth of events
        // held at once would put the collector's work on the writer's bill.
        foreach (var batch in Enumerable.Range(0, warmUp).Chunk(batchSize))
            await writer.WriteAsync([.. batch.Select(i => PageView(i, visitors, start, pages))], BatchCommit.Buffered, ct);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(warmUp, events).Chunk(batchSize))
            await writer.WriteAsync([.. batch.Select(i => PageView(i, visitors, start, pages))], BatchCommit.Buffered, ct);
        wall.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provider            {contexts.Provider}"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events              {events:N0} page views of {visitors} visitors, {batchSize:N0} per transaction"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate                {events / wall.Elapsed.TotalSeconds,10:N0} events/s"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per event       {used.TotalMicroseconds / events,10:0.0} µs (all threads)"));
        return 0;
    }

    private static StoreEvent PageView(int i, int visitors, DateTimeOffset start, Dictionary<string, object?>[] pages) =>
        new(EventNames.PageViewed, Visitors[i % visitors], start.AddMilliseconds(i))
        {
            SessionId = Sessions[i % visitors],
            Properties = pages[i % Products * 7919 % Products],
        };

    private static Dictionary<string, object?> Page(int product) =>
        new(StringComparer.Ordinal)
        {
            ["source"] = "organic_search",
            ["utm_source"] = null,
            ["utm_medium"] = null,
            ["utm_campaign"] = null,
            ["device"] = "desktop",
            ["country"] = "GB",
            ["url"] = $"http://shop.example/product/{10_000 + product}",
            ["path"] = $"/product/{10_000 + product}",
            ["title"] = "White Metal Lantern",
        };
}
