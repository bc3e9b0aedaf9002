using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NopSegments.Cli.Import;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// <c>nopsegments bench ingest &lt;online-retail file&gt;</c>: the real retailer's events written twice in one run,
/// once as a raw bulk insert into a bare table, once through ingestion with profiles, and the ratio.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("online-retail") { Description = "the online-retail CSV (.csv.gz)" };
        var batch = new Option<int>("--batch") { Description = "events per transaction", DefaultValueFactory = _ => 20_000 };
        var ingest = new Command("ingest", "Ingestion with profile aggregates next to a raw bulk insert of the same rows") { file, batch };
        ingest.SetAction((parse, ct) => IngestAsync(parse.GetValue(file)!, parse.GetValue(batch), parse, ct));
        var membershipFile = new Argument<FileInfo>("online-retail") { Description = "the online-retail CSV (.csv.gz)" };
        var count = new Option<int>("--events") { Description = "live events to time", DefaultValueFactory = _ => 2_000 };
        var membership = new Command("membership", "Incremental segment membership per event with 50 live segments") { membershipFile, count };
        membership.SetAction((parse, ct) => parse.GetValue(membershipFile) is { Exists: true } f
            ? MembershipBench.RunAsync(f, parse.GetValue(count), CliDatabase.From(parse), ct)
            : throw new CliException($"No such file: {parse.GetValue(membershipFile)?.FullName}"));
        var countsFile = new Argument<FileInfo>("online-retail") { Description = "the online-retail CSV (.csv.gz)" };
        var copies = new Option<int>("--copies") { Description = "copies of the retailer's customers (229 ≈ 1M profiles)", DefaultValueFactory = _ => 229 };
        var keep = new Option<bool>("--keep") { Description = "measure the data a previous run stored, without loading it again" };
        var counts = new Command("counts", "Set-based segment counts over ~1M profiles next to hand-written SQL") { countsFile, copies, keep };
        counts.SetAction((parse, ct) => parse.GetValue(countsFile) is { Exists: true } f
            ? SegmentCountBench.RunAsync(f, parse.GetValue(copies), parse.GetValue(keep), CliDatabase.From(parse), ct)
            : throw new CliException($"No such file: {parse.GetValue(countsFile)?.FullName}"));
        var pageViews = new Option<int>("--events") { Description = "page views to time", DefaultValueFactory = _ => 1_000_000 };
        var visitors = new Option<int>("--visitors") { Description = "visitors they come from", DefaultValueFactory = _ => 20 };
        var writerBatch = new Option<int>("--batch") { Description = "events per transaction", DefaultValueFactory = _ => 1000 };
        var writer = new Command("pageviews", "The background writer's CPU per event on the browser tracker's page views") { pageViews, visitors, writerBatch };
        writer.SetAction((parse, ct) =>
            PageViewBench.RunAsync(parse.GetValue(pageViews), parse.GetValue(visitors), parse.GetValue(writerBatch), CliDatabase.From(parse), ct));
        var decisionCount = new Option<int>("--decisions") { Description = "decisions to time", DefaultValueFactory = _ => 200_000 };
        var campaignCount = new Option<int>("--campaigns") { Description = "live campaigns", DefaultValueFactory = _ => 50 };
        var segmentCount = new Option<int>("--segments") { Description = "segments they target", DefaultValueFactory = _ => 50 };
        var decide = new Command("decide", "The onsite offer decision per page, in memory") { decisionCount, campaignCount, segmentCount };
        decide.SetAction(parse => DecisionBench.Run(parse.GetValue(decisionCount), parse.GetValue(campaignCount), parse.GetValue(segmentCount)));
        return new Command("bench", "Measure the module on this machine") { ingest, membership, counts, writer, decide };
    }

    private static async Task<int> IngestAsync(FileInfo file, int batchSize, ParseResult parse, CancellationToken ct)
    {
        if (!file.Exists)
            throw new CliException($"No such file: {file.FullName}");
        var contexts = CliDatabase.From(parse);
        var events = OnlineRetailImporter.Read(file.FullName).InTimeOrder();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provider            {contexts.Provider}"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events              {events.Count:N0} (online-retail, {batchSize:N0} per transaction)"));
        // The first pass runs in a cold process: the JIT is still compiling its tiers for most of it. The second
        // pass, on emptied tables, is what a store's long-running writer does.
        foreach (var pass in new[] { "first pass (cold)", "second pass" })
        {
            var (raw, ingest) = await PassAsync(contexts, events, batchSize, ct);
            var rawRate = events.Count / raw.TotalSeconds;
            var rate = events.Count / ingest.TotalSeconds;
            Console.Out.WriteLine(pass);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw bulk insert   {raw.TotalSeconds,6:0.00} s  {rawRate,10:N0} events/s"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ingest + profiles {ingest.TotalSeconds,6:0.00} s  {rate,10:N0} events/s"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio             {rate / rawRate:P0} of raw"));
        }
        return 0;
    }

    private static async Task<(TimeSpan Raw, TimeSpan Ingest)> PassAsync(
        SegmentsDbContextFactory contexts, IReadOnlyList<StoreEvent> events, int batchSize, CancellationToken ct)
    {
        var lifecycle = new ModuleLifecycle(contexts);
        await lifecycle.UninstallAsync(ct);
        await lifecycle.InstallAsync(ct);
        var raw = Stopwatch.StartNew();
        await RawInsert.RunAsync(contexts, events, batchSize, ct);
        raw.Stop();
        var writer = new IngestionWriter(contexts, TimeProvider.System);
        var ingest = Stopwatch.StartNew();
        // The queued mode's path: what the store's background writer does with a busy store's batches.
        foreach (var batch in events.Chunk(batchSize))
            await writer.WriteAsync(batch, BatchCommit.Buffered, ct);
        ingest.Stop();
        return (raw.Elapsed, ingest.Elapsed);
    }
}
