using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;

namespace NopSegments.Benchmarks;

/// <summary>
/// What a store request pays for Track(): validation and a channel write, no database. A reader drains
/// the channel meanwhile so the bounded queue never fills.
/// </summary>
[MemoryDiagnoser]
public class TrackBenchmarks
{
    private EventQueue queue = null!;
    private CancellationTokenSource stop = null!;
    private Task drain = null!;
    private readonly StoreEvent productView = new("product_viewed", "0f8fad5bd9cb469fa165709a56b3e1c2", DateTimeOffset.UtcNow)
    {
        CustomerId = "17850",
        SessionId = "7c9e6679742540de944be07fc1f90ae7",
        Properties = new Dictionary<string, object?>
        {
            ["sku"] = "85123A", ["product_name"] = "White Hanging Heart T-Light Holder", ["category"] = "Candles & Lights",
            ["price"] = 2.55m, ["source"] = "email", ["utm_campaign"] = "spring", ["device"] = "mobile",
        },
    };

    [GlobalSetup]
    public void Setup()
    {
        var state = new ModuleState();
        state.Set(true);
        var contexts = new SegmentsDbContextFactory(DatabaseProvider.Sqlite, "Data Source=:memory:");
        queue = new EventQueue(state, Options.Create(new NopSegmentsOptions()), new IngestionWriter(contexts, TimeProvider.System));
        stop = new CancellationTokenSource();
        drain = Task.Run(async () =>
        {
            while (await queue.Reader.WaitToReadAsync(stop.Token))
                while (queue.Reader.TryRead(out _)) { }
        });
    }

    [Benchmark]
    public TrackResult Track() => queue.Track(productView);

    [GlobalCleanup]
    public void Cleanup()
    {
        stop.Cancel();
        try { drain.Wait(); } catch (AggregateException) { }
        stop.Dispose();
    }
}
