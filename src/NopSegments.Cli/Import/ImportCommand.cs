using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;

namespace NopSegments.Cli.Import;

/// <summary><c>nopsegments import online-retail|rees46|complete-journey &lt;path&gt;</c>.</summary>
internal static class ImportCommand
{
    private const int BatchSize = 20_000;

    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "online-retail, rees46 or complete-journey" };
        dataset.AcceptOnlyFromAmong(OnlineRetailImporter.Name, Rees46Importer.Name, CompleteJourneyImporter.Name);
        var path = new Argument<FileInfo>("path") { Description = "the dataset's CSV file (.csv or .csv.gz)" };
        var demographics = new Option<FileInfo?>("--demographics")
        {
            Description = "complete-journey: zero-party attributes per household (default: demographics.csv.gz beside the file)",
        };
        var command = new Command("import", "Import a shop's history as store events and build its profiles") { dataset, path, demographics };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(dataset)!, parse.GetValue(path)!, parse.GetValue(demographics), parse, ct));
        return command;
    }

    private static async Task<int> SaveDemographicsAsync(FileInfo file, FileInfo? explicitFile, Data.SegmentsDbContextFactory contexts, CancellationToken ct)
    {
        var path = explicitFile?.FullName ?? Path.Combine(file.DirectoryName!, "demographics.csv.gz");
        if (!File.Exists(path))
        {
            if (explicitFile is not null)
                throw new CliException($"No such file: {path}");
            return 0;
        }
        return await new Data.Profiles.ProfileTraits(contexts).SaveAsync(DemographicsReader.Read(path), ct);
    }

    private static async Task<int> RunAsync(string dataset, FileInfo file, FileInfo? demographics, ParseResult parse, CancellationToken ct)
    {
        if (!file.Exists)
            throw new CliException($"No such file: {file.FullName}");
        var contexts = CliDatabase.From(parse);
        await new ModuleLifecycle(contexts).InstallAsync(ct);
        var clock = Stopwatch.StartNew();
        var plan = dataset switch
        {
            OnlineRetailImporter.Name => OnlineRetailImporter.Read(file.FullName),
            Rees46Importer.Name => Rees46Importer.Read(file.FullName),
            _ => CompleteJourneyImporter.Read(file.FullName),
        };
        var readSeconds = clock.Elapsed.TotalSeconds;
        var events = plan.InTimeOrder();
        var writer = new IngestionWriter(contexts, TimeProvider.System);
        long stored = 0, duplicates = 0, merges = 0;
        var writing = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(BatchSize))
        {
            var result = await writer.WriteAsync(batch, ct);
            (stored, duplicates, merges) = (stored + result.Stored, duplicates + result.Duplicates, merges + result.Merges);
            Console.Error.Write($"\r{stored + duplicates:N0} / {events.Count:N0} events");
        }
        Console.Error.WriteLine();
        var writeSeconds = writing.Elapsed.TotalSeconds;
        var traits = dataset == CompleteJourneyImporter.Name ? await SaveDemographicsAsync(file, demographics, contexts, ct) : 0;
        var profiles = events.Select(e => e.VisitorId).Distinct(StringComparer.Ordinal).Count();

        var o = Console.Out;
        o.WriteLine($"Imported {dataset} from {file.Name}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rows read          {plan.RowsRead,12:N0}"));
        foreach (var (reason, count) in plan.Skipped.OrderByDescending(s => s.Value))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rows skipped       {count,12:N0}  ({reason})"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  events written     {stored,12:N0}"));
        if (duplicates > 0)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  already stored     {duplicates,12:N0}  (imported before; skipped)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  profiles           {profiles,12:N0}"));
        if (traits > 0)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  with demographics  {traits,12:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  time               {readSeconds + writeSeconds,12:0.0} s  (read {readSeconds:0.0} s, write {writeSeconds:0.0} s, {events.Count / Math.Max(writeSeconds, 0.001):N0} events/s)"));
        foreach (var problem in plan.Problems)
            o.WriteLine($"  skipped: {problem}");
        return 0;
    }
}
