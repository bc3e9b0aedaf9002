using System.CommandLine;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Marketing;

namespace NopSegments.Cli.Marketing;

/// <summary>
/// <c>nopsegments export DIR</c> and <c>nopsegments apply DIR [--dry-run]</c>: a store's segments, flows and campaigns as
/// files, and back — to keep marketing in version control and move it from staging to production (docs/marketing-files.md).
/// </summary>
internal static class MarketingCommands
{
    public static IEnumerable<Command> Create()
    {
        var exportDir = new Argument<string>("dir") { Description = "directory to write segments/, flows/, flow-rules.json and campaigns/ into" };
        var export = new Command("export", "Write the store's segments, flows and campaigns to files") { exportDir };
        export.SetAction((parse, ct) => ExportAsync(parse.GetValue(exportDir)!, parse, ct));

        var applyDir = new Argument<string>("dir") { Description = "directory written by export (and edited since)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print what would be created, changed, removed or archived, and change nothing" };
        var apply = new Command("apply", "Make the store's segments, flows and campaigns what the files say; nothing is applied if a file has an error")
        {
            applyDir, dryRun,
        };
        apply.SetAction((parse, ct) => ApplyAsync(parse.GetValue(applyDir)!, parse.GetValue(dryRun), parse, ct));
        return [export, apply];
    }

    private static async Task<int> ExportAsync(string directory, ParseResult parse, CancellationToken ct)
    {
        var contexts = CliDatabase.From(parse);
        if (!await new ModuleLifecycle(contexts).IsInstalledAsync(ct))
            throw new CliException("The database has no NopSegments tables: install the module (or import data) first.");
        var written = await new MarketingExport(contexts).WriteAsync(directory, ct);
        Console.Out.WriteLine($"Wrote {written.Segments} segments, {written.Flows} flows and {written.Campaigns} campaigns to {Path.GetFullPath(directory)}");
        return 0;
    }

    private static async Task<int> ApplyAsync(string directory, bool dryRun, ParseResult parse, CancellationToken ct)
    {
        var contexts = CliDatabase.From(parse);
        await new ModuleLifecycle(contexts).InstallAsync(ct);
        var plan = await MarketingPlan.MakeAsync(directory, contexts, ct);
        if (plan.Problems.Count > 0)
        {
            foreach (var problem in plan.Problems)
                Console.Error.WriteLine(problem);
            throw new CliException($"Nothing applied: {plan.Problems.Count} problem(s) in {Path.GetFullPath(directory)}.");
        }
        foreach (var change in plan.Changes)
            Console.Out.WriteLine(change);
        var summary = $"{plan.Changes.Count} change(s), {plan.Unchanged} unchanged";
        if (dryRun)
        {
            Console.Out.WriteLine($"Dry run: {summary}; nothing applied.");
            return 0;
        }
        await new MarketingApply(contexts, TimeProvider.System).RunAsync(plan, ct);
        Console.Out.WriteLine($"Applied: {summary}.");
        return 0;
    }
}
