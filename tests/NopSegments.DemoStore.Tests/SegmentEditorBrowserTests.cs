using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// A merchandiser who never saw the language builds a segment in the visual builder, in real Chromium: the text follows,
/// the preview's count is the command line's, and the saved segment explains a member. Text errors are underlined.
/// </summary>
public sealed class SegmentEditorBrowserTests
{
    private const string Segments = "/admin/nopsegments/segments";

    [SkippableFact]
    public async Task A_segment_built_in_the_visual_builder_previews_the_CLIs_count_saves_and_explains_a_member()
    {
        await using var session = await EditorAsync();
        var (store, page) = (session.Store, session.Page);
        var builder = page.Locator("[data-builder]");
        await Assertions.Expect(builder.GetByRole(AriaRole.Button, new() { Name = "Add event" })).ToBeVisibleAsync();
        // The store's own categories are offered; the most common one in the seeded orders is "bought twice".
        var category = await page.Locator("#ns-values-category option").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(category));

        await builder.GetByRole(AriaRole.Button, new() { Name = "Add event" }).ClickAsync();
        var bought = builder.Locator("[data-rule=event]").Last;
        await bought.GetByLabel("Event").SelectOptionAsync("product_ordered");
        bought = builder.Locator("[data-rule=event]").Last;
        await bought.GetByLabel("Times").FillAsync("2");
        await bought.GetByLabel("Within").FillAsync("");
        await bought.GetByLabel("Within").PressAsync("Tab");
        await bought.GetByRole(AriaRole.Button, new() { Name = "+ Property filter" }).ClickAsync();
        bought = builder.Locator("[data-rule=event]").Last;
        await bought.Locator("[data-filter]").GetByLabel("Property").SelectOptionAsync("category");
        bought = builder.Locator("[data-rule=event]").Last;
        await bought.Locator("[data-filter]").GetByLabel("Value").FillAsync(category!);
        await bought.Locator("[data-filter]").GetByLabel("Value").PressAsync("Tab");
        await builder.GetByRole(AriaRole.Button, new() { Name = "Add event" }).Last.ClickAsync();
        var noOrder = builder.Locator("[data-rule=event]").Last;
        await noOrder.GetByLabel("Match").SelectOptionAsync("not");
        await noOrder.GetByLabel("Event").SelectOptionAsync("order_placed");

        var query = $"product_ordered(category = \"{category}\") >= 2 AND NOT order_placed(within 30d)";
        var editor = page.Locator("[data-query-editor]");
        await Assertions.Expect(editor).ToHaveTextAsync(query);
        var count = await CliCountAsync(store, query);
        Assert.True(count > 0, "the seeded store has repeat buyers of its most common category");
        await Assertions.Expect(page.Locator("[data-preview] [data-count]")).ToHaveTextAsync(count.ToString("N0", CultureInfo.InvariantCulture));

        await page.GetByLabel("Name").FillAsync("Repeat category buyers, quiet lately");
        await page.GetByLabel("Slug").FillAsync("repeat-quiet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await page.WaitForURLAsync($"**{Segments}/repeat-quiet**");
        await Assertions.Expect(page.Locator("[data-count]").First).ToHaveTextAsync(count.ToString("N0", CultureInfo.InvariantCulture));
        var member = await page.Locator("[data-member]").First.GetAttributeAsync("data-member");
        await page.GetByLabel("Profile").FillAsync(member!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-explain]")).ToContainTextAsync("is a member");
        await Assertions.Expect(page.Locator("[data-explain]")).ToContainTextAsync("product_ordered");
    }

    [SkippableFact]
    public async Task A_broken_query_is_underlined_where_it_breaks_and_cannot_be_saved_and_typed_text_redraws_the_builder()
    {
        await using var session = await EditorAsync();
        var page = session.Page;
        var editor = page.Locator("[data-query-editor]");
        await Assertions.Expect(page.Locator("[data-builder] fieldset")).ToBeVisibleAsync();

        await editor.FillAsync("orders_count >= 3 AND total_spnt > 5");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did you mean 'total_spent'");
        await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveTextAsync("total_spnt");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save segment" })).ToBeDisabledAsync();

        await editor.FillAsync("");
        await editor.PressSequentiallyAsync("product_viewed(cat");
        // The property is picked from the list; a value offered next is one of the store's categories, quoted.
        await page.Locator(".cm-tooltip-autocomplete li", new() { HasText = "category" }).First.ClickAsync();
        await editor.PressSequentiallyAsync(" = ");
        var value = page.Locator(".cm-tooltip-autocomplete li").First;
        await Assertions.Expect(value).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\".+\""));
        await value.ClickAsync();
        await editor.PressSequentiallyAsync(", within 7d) >= 3");
        await Assertions.Expect(page.Locator("[data-preview] [data-count]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save segment" })).ToBeEnabledAsync();
        var rule = page.Locator("[data-builder] [data-rule=event]");
        await Assertions.Expect(rule.GetByLabel("Event")).ToHaveValueAsync("product_viewed");
        await Assertions.Expect(rule.GetByLabel("Times")).ToHaveValueAsync("3");
        await Assertions.Expect(rule.GetByLabel("Within")).ToHaveValueAsync("7d");
        await Assertions.Expect(rule.Locator("[data-filter]").GetByLabel("Property")).ToHaveValueAsync("category");
    }

    [SkippableFact]
    public async Task A_preview_that_outlasts_its_answer_time_shows_counting_then_the_count()
    {
        await using var session = await EditorAsync(new Dictionary<string, string> { ["NopSegments:PreviewAnswerTime"] = "00:00:00" });
        var (store, page) = (session.Store, session.Page);
        var counting = page.WaitForResponseAsync(r => r.Url.EndsWith("/segments/preview", StringComparison.Ordinal) && r.Status == 202);

        await page.Locator("[data-query-editor]").FillAsync("orders_count >= 2");

        await counting;
        var count = await CliCountAsync(store, "orders_count >= 2");
        await Assertions.Expect(page.Locator("[data-preview] [data-count]")).ToHaveTextAsync(count.ToString("N0", CultureInfo.InvariantCulture));
    }

    /// <summary>A store on a real socket, its admin logged in, on a new segment's editor.</summary>
    private sealed class Editor(StoreFactory store, BrowserPage browser) : IAsyncDisposable
    {
        public StoreFactory Store { get; } = store;
        public IPage Page => browser.Page;

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            await Store.DisposeAsync();
        }
    }

    private static async Task<Editor> EditorAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        Chromium.SkipUnlessInstalled();
        var store = await StoreFactory.CreateAsync(kestrel: true, settings: settings);
        var editor = new Editor(store, await Chromium.OpenAsync(store.ServerAddress));
        await Chromium.LogInAsAdminAsync(editor.Page);
        await editor.Page.GotoAsync($"{Segments}/new");
        return editor;
    }

    private static async Task<long> CliCountAsync(StoreFactory store, string query)
    {
        var file = new SqliteConnectionStringBuilder(store.Database.ConnectionString).DataSource;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "nopsegments.dll"), "count", query, "--db", file })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return long.Parse(output.Trim().Split('\n')[^1].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
