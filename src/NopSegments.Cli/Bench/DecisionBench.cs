using System.Diagnostics;
using System.Globalization;
using NopSegments.Data.Campaigns;

namespace NopSegments.Cli.Bench;

/// <summary>
/// <c>nopsegments bench decide</c>: the onsite offer decision with 50 live campaigns over 50 segments, for people with a
/// few memberships and some history each, timed one decision at a time (p50, p99, max) after a warm-up.
/// </summary>
internal static class DecisionBench
{
    private static readonly string[] Slots = ["productdetails_top", "home_page_top", "order_summary_content_before", "top_bar", "popup"];
    private static readonly string[] PageTypes = ["product", "category", "home", "cart"];
    private static readonly string[] Devices = ["desktop", "mobile", "tablet"];

    public static int Run(int decisions, int campaigns, int segments)
    {
        var random = new Random(20261206);
        var slugs = Enumerable.Range(0, segments).Select(i => $"segment-{i}").ToArray();
        var live = Enumerable.Range(0, campaigns).Select(i => CampaignReader.Read(string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "slug": "campaign-{{i}}", "name": "Campaign {{i}}", "priority": {{i % 7}}, "placement": "{{Slots[i % Slots.Length]}}",
              "audience": { "segment": "{{slugs[random.Next(segments)]}}", "pageTypes": ["{{PageTypes[i % PageTypes.Length]}}"], "devices": {{(i % 3 == 0 ? "[\"mobile\"]" : "[]")}}, "minCartValue": {{i % 4 * 10}} },
              "caps": { "perSession": 1, "perDay": 3, "total": 10 }, "holdout": 10,
              "variants": [ { "name": "A", "weight": 50 }, { "name": "B", "weight": 50, "content": { "title": "B {{i}}" } } ],
              "content": { "title": "Offer {{i}}", "body": "<p>Offer {{i}}</p>" }
            }
            """), slugs)).ToList();
        var decider = new CampaignDecider(live);
        var people = Enumerable.Range(0, 10_000).Select(i => new PersonFacts($"visitor-{i}",
            Enumerable.Range(0, 5).Select(_ => slugs[random.Next(segments)]).ToHashSet(StringComparer.Ordinal),
            live.Where(_ => random.Next(10) == 0).ToDictionary(c => c.Slug, _ => new CampaignExposure(0, random.Next(3), random.Next(8), false, false)))).ToArray();
        var visits = Enumerable.Range(0, 1_000).Select(i => new VisitFacts(PageTypes[i % PageTypes.Length], "Candles", "newsletter", "winter",
            Devices[i % Devices.Length], i % 5 == 0, i % 80)).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20_000; i++)
            decider.Decide(visits[i % visits.Length], people[i % people.Length], now);

        var times = new double[decisions];
        var shown = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < decisions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            shown += decider.Decide(visits[i % visits.Length], people[(i * 7) % people.Length], now).Count;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        clock.Stop();
        Array.Sort(times);
        double At(double q) => times[(int)Math.Min(times.Length - 1, q * times.Length)];
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"campaigns           {campaigns} over {segments} segments, {Slots.Length} slots"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decisions           {decisions:N0} ({shown / (double)decisions:0.00} offers each on average)"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per decision        p50 {At(0.50):0.0} µs, p99 {At(0.99):0.0} µs, max {times[^1]:0.0} µs"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput          {decisions / clock.Elapsed.TotalSeconds:N0} decisions/s on one thread"));
        return 0;
    }
}
