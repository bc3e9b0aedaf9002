using System.Diagnostics;
using System.Globalization;
using NopSegments.Data;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;
using NopSegments.Language;

namespace NopSegments.Cli.Bench;

/// <summary>
/// What a merchandiser waits for in the editor, on the benchmark's data: the live preview of a query (median of three
/// after one to warm) and saving it as a new segment (members and time-driven checks stored), next to folding every
/// profile — how both were answered before they were translated to SQL.
/// </summary>
internal static class SegmentEditBench
{
    private static readonly string[] Queries =
    [
        "orders_count >= 3 AND total_spent > 500",
        "product_viewed(category = \"Candles\", within 7d) >= 2",
        "product_viewed(category = \"Candles\", within 30d) >= 2",
        "product_viewed(category = \"Candles\", within 365d) >= 2",
        "added_to_cart(within 1d) AND NOT order_placed(within 1d)",
    ];

    public static async Task RunAsync(SegmentsDbContextFactory contexts, DateTimeOffset now, CancellationToken ct)
    {
        var segments = new SavedSegments(contexts, new FixedClock(now));
        Console.Out.WriteLine("query | members | live preview | save (members + checks) | checks | fold every profile");
        for (var i = 0; i < Queries.Length; i++)
        {
            var text = Queries[i];
            await segments.PreviewAsync(text, null, ct);
            var previews = new List<TimeSpan>();
            SegmentPreview preview = null!;
            for (var run = 0; run < 3; run++)
                previews.Add(await TimeAsync(async () => preview = await segments.PreviewAsync(text, null, ct)));
            SegmentSaved saved = null!;
            var slug = "bench-edit-" + i.ToString(CultureInfo.InvariantCulture);
            var save = await TimeAsync(async () => saved = await segments.SaveAsync(new SegmentDraft(slug, slug, null, text), ct));
            var checks = await ChecksAsync(contexts, slug, ct);
            await segments.DeleteAsync(slug, ct);
            // The fold is the old path of every save and preview; once per run, on the query that reads the most history.
            var fold = i == 3 ? await TimeAsync(() => new SegmentMembership(contexts).FoldAsync(SegmentQuery.Parse(text), now, ct)) : (TimeSpan?)null;
            var folded = fold is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f.TotalSeconds:0.0} s") : "-";
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{text} | {preview.Count:N0} | {previews.Order().ElementAt(1).TotalSeconds:0.000} s | {save.TotalSeconds:0.000} s ({saved.Members:N0}) | {checks:N0} | {folded}"));
        }
    }

    private static async Task<long> ChecksAsync(SegmentsDbContextFactory contexts, string slug, CancellationToken ct)
    {
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM nopsegments_segment_checks c JOIN nopsegments_segments s ON s.id = c.segment_id WHERE s.slug = @slug";
        command.AddParameter("@slug", slug);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed;
    }
}
