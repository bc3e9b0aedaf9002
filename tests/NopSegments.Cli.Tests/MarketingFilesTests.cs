namespace NopSegments.Cli.Tests;

/// <summary>
/// <c>export</c> and <c>apply</c> as a shop uses them: marketing made in staging is written to files, reviewed, and applied
/// to production; a dry run says what would happen and changes nothing; a broken file names its file, line and reason and
/// nothing at all is applied.
/// </summary>
public sealed class MarketingFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("nopsegments-marketing-").FullName;

    private string At(string relative) => Path.Combine(root, relative);

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(At(relative))!);
        File.WriteAllText(At(relative), text);
    }

    [Fact]
    public async Task Staging_marketing_moves_to_production_through_files_and_a_second_apply_changes_nothing()
    {
        Write("made/segments/carted.json", """{ "slug": "carted", "name": "Has a cart", "query": "cart_items_count > 0" }""");
        Write("made/segments/big-carts.json", """{ "slug": "big-carts", "name": "Big carts", "query": "in_segment(\"carted\") AND cart_value > 100" }""");
        Write("made/flows/vip_welcome.json", """{ "key": "vip_welcome", "settings": { "name": "VIP welcome", "trigger": "segment:big-carts", "delays": "1d" } }""");
        Write("made/flows/abandoned_cart.json", """{ "key": "abandoned_cart", "settings": { "enabled": "true", "trigger": "added_to_cart", "delays": "2h,24h" } }""");
        Write("made/campaigns/comeback.json", """
            {
              // reviewed by Sam
              "slug": "comeback", "name": "Come back", "placement": "popup",
              "audience": { "segment": "big-carts" }, "content": { "title": "Still yours" }
            }
            """);
        var (staging, production) = (At("staging.db"), At("production.db"));
        await CliProcess.RunAsync("apply", At("made"), "--db", staging);

        var exported = await CliProcess.RunAsync("export", At("files"), "--db", staging);
        var dryRun = await CliProcess.RunAsync("apply", At("files"), "--db", production, "--dry-run");
        var afterDryRun = await CliProcess.RunAsync("export", At("untouched"), "--db", production);
        var applied = await CliProcess.RunAsync("apply", At("files"), "--db", production);
        var again = await CliProcess.RunAsync("apply", At("files"), "--db", production, "--dry-run");
        await CliProcess.RunAsync("export", At("back"), "--db", production);

        Assert.Equal((0, "Wrote 2 segments, 7 flows and 1 campaigns to " + At("files") + "\n"), (exported.Exit, exported.Out));
        string[] creates = ["create segment carted", "create segment big-carts", "change flow abandoned_cart", "create flow vip_welcome", "create campaign comeback"];
        Assert.Equal([.. creates, "Dry run: 5 change(s), 6 unchanged; nothing applied."], Lines(dryRun.Out));
        Assert.Empty(Directory.GetFiles(At("untouched/segments")));
        Assert.Equal([.. creates, "Applied: 5 change(s), 6 unchanged."], Lines(applied.Out));
        Assert.Equal(["Dry run: 0 change(s), 11 unchanged; nothing applied."], Lines(again.Out));
        Assert.Contains("// reviewed by Sam", File.ReadAllText(At("back/campaigns/comeback.json")), StringComparison.Ordinal);
        Assert.Contains("\"delays\": \"2h,24h\"", File.ReadAllText(At("back/flows/abandoned_cart.json")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(At("files/segments/big-carts.json")), File.ReadAllText(At("back/segments/big-carts.json")));
    }

    [Fact]
    public async Task A_broken_file_names_its_file_line_and_reason_and_nothing_is_applied()
    {
        Write("good/segments/carted.json", """{ "slug": "carted", "name": "Has a cart", "query": "cart_items_count > 0" }""");
        var store = At("store.db");
        await CliProcess.RunAsync("apply", At("good"), "--db", store);
        Write("bad/segments/carted.json", """{ "slug": "carted", "name": "Has a cart", "query": "cart_items_count > 1" }""");
        Write("bad/segments/big-carts.json", "{\n  \"slug\": \"big-carts\",\n  \"name\": \"Big carts\",\n  \"query\": \"cart_valeu > 100\"\n}");
        Write("bad/campaigns/comeback.json", "{\n  \"slug\": \"comeback\", \"name\": \"Come back\", \"placement\": \"popup\",\n  \"content\": {\n    \"titel\": \"Hi\"\n  }\n}");
        Write("bad/flows/vip_welcome.json", """{ "key": "vip_welcome", "settings": { "name": "VIP", "delays": "soon" } }""");
        Write("bad/campaigns/wrong-name.json", """{ "slug": "other", "name": "Other", "placement": "popup", "content": { "title": "Hi" } }""");

        var refused = await CliProcess.RunAsync("apply", At("bad"), "--db", store);
        var unchanged = await CliProcess.RunAsync("apply", At("good"), "--db", store, "--dry-run");

        Assert.Equal(1, refused.Exit);
        Assert.Equal(
        [
            "segments/big-carts.json:4: query: unknown attribute 'cart_valeu' at 1:1; did you mean 'cart_value'?",
            "flows/vip_welcome.json:1: flows.vip_welcome.delays: 'soon' is not a duration: write a number and m, h, d or w, for example 30m or 24h",
            "campaigns/comeback.json:4: $.content.titel: unknown property (expected title, body, image, cta, ctaUrl)",
            "campaigns/wrong-name.json:1: the slug 'other' must match the file's name 'wrong-name'",
            $"Nothing applied: 4 problem(s) in {At("bad")}.",
        ], Lines(refused.Error));
        Assert.Equal(["Dry run: 0 change(s), 1 unchanged; nothing applied."], Lines(unchanged.Out)); // carted kept its query
        Assert.Empty(refused.Out);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
