using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>A merchandiser builds segments in the module's admin: templates, preview, save, explain, delete.</summary>
public sealed class SegmentAdminTests
{
    private const string Segments = "/admin/nopsegments/segments";

    [Fact]
    public async Task A_merchandiser_starts_from_a_template_previews_saves_and_explains_a_customer()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var list = await admin.GetAsync(Segments);
        var template = await admin.GetAsync($"{Segments}/new?template=lapsed-buyers");
        var preview = await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "repeat-buyers"), ("name", "Repeat buyers"), ("query", "orders_count >= 2"), ("action", "preview"));
        var saved = await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "repeat-buyers"), ("name", "Repeat buyers"), ("query", "orders_count >= 2"), ("action", "save"));
        var explained = await admin.GetAsync($"{Segments}/repeat-buyers?profile=17850");

        Assert.True(list.Shows("Start from a template") && list.Shows("Lapsed buyers"));
        Assert.Contains("orders_count &gt;= 2 AND last_order_at &lt; -90d", template.Html, StringComparison.Ordinal);
        Assert.True(preview.Shows("profiles match now"), preview.Text);
        var count = Count(preview);
        Assert.True(count > 0);
        Assert.Equal($"{Segments}/repeat-buyers", saved.Path);
        Assert.True(saved.Shows($"Saved version 1: {count:N0} members, {count:N0} entered and 0 left."), saved.Text);
        Assert.Contains("data-change=\"entered\"", saved.Html, StringComparison.Ordinal);
        Assert.Equal(Math.Min(count, 50), System.Text.RegularExpressions.Regex.Count(saved.Html, "data-member="));
        Assert.True(explained.Shows("17850 is a member"), explained.Text);
        Assert.True(explained.Shows("orders_count is"));
        Assert.True((await admin.GetAsync(Segments)).Shows("Repeat buyers"));
    }

    [Fact]
    public async Task A_mistyped_query_is_refused_where_it_is_wrong_and_the_text_is_kept()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var typo = await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "big"), ("name", "Big spenders"), ("query", "total_spent > 100 AND\norders_cont >= 2"), ("action", "save"));
        var badSlug = await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "Big Spenders"), ("name", "Big spenders"), ("query", "total_spent > 100"), ("action", "save"));
        var forged = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"orders_count > 1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, typo.Status);
        Assert.True(typo.Shows("did you mean 'orders_count'"), typo.Text);
        Assert.True(typo.Shows("at 2:1"), typo.Text);
        Assert.Contains("total_spent > 100 AND\norders_cont >= 2</textarea>", WebUtility.HtmlDecode(typo.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.Status);
        Assert.True(badSlug.Shows("is not a slug"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.True((await admin.GetAsync(Segments)).Shows("No segment yet"));
    }

    [Fact]
    public async Task A_saved_segment_downloads_all_its_members_as_CSV()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "repeat-buyers"), ("name", "Repeat buyers"), ("query", "orders_count >= 2"), ("action", "save"));

        var page = await admin.GetAsync($"{Segments}/repeat-buyers");
        var csv = await admin.GetAsync($"{Segments}/repeat-buyers/members.csv");
        var missing = await admin.GetAsync($"{Segments}/no-such-segment/members.csv");
        var outsider = await store.NewBrowser().GetAsync($"{Segments}/repeat-buyers/members.csv");

        var lines = csv.Html.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("members.csv", page.Html, StringComparison.Ordinal);
        Assert.Equal("profile_id,customer_id,member_since,orders_count,total_spent,last_seen_at", lines[0].TrimEnd('\r'));
        Assert.Equal(Count(page), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.True(int.Parse(l.Split(',')[3], CultureInfo.InvariantCulture) >= 2, l));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.DoesNotContain("profile_id", outsider.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_preview_answers_as_the_merchandiser_types_and_points_at_errors()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var token = StoreBrowser.TokenOf(await admin.GetAsync($"{Segments}/new"));

        var counted = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"orders_count >= 2"}""", ("RequestVerificationToken", token));
        var wrong = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"orders_count >= "}""", ("RequestVerificationToken", token));
        var huge = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"total_spent > 99999999999999999999999999999999"}""", ("RequestVerificationToken", token));
        var folded = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"interest(\"Candles\") >= 0.1"}""", ("RequestVerificationToken", token));

        Assert.Equal(HttpStatusCode.OK, counted.Status);
        var preview = JsonDocument.Parse(counted.Body).RootElement;
        Assert.True(preview.GetProperty("count").GetInt32() > 0);
        Assert.NotEmpty(preview.GetProperty("sample").EnumerateArray());
        // SQL answered it; interest(…) is evaluated profile by profile, and the merchandiser is told why.
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("profileByProfile").ValueKind);
        Assert.Equal("interest(…) is computed per profile", JsonDocument.Parse(folded.Body).RootElement.GetProperty("profileByProfile").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var problem = JsonDocument.Parse(wrong.Body).RootElement;
        Assert.Equal((1, 17), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, huge.Status);
        Assert.Contains("is too large", huge.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_past_the_length_limit_is_refused_alike_by_the_form_the_live_preview_and_the_builder()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var token = StoreBrowser.TokenOf(await admin.GetAsync($"{Segments}/new"));
        var query = "orders_count >= 1" + string.Concat(Enumerable.Repeat(" OR orders_count >= 1", 250));
        var body = JsonSerializer.Serialize(new { query });

        var live = await admin.PostJsonAsync($"{Segments}/preview", body, ("RequestVerificationToken", token));
        var outline = await admin.PostJsonAsync($"{Segments}/outline", body);
        var form = await admin.SubmitAsync($"{Segments}/new", Segments, ("slug", "long"), ("name", "Long"), ("query", query), ("action", "save"));

        var expected = $"The query is {query.Length:N0} characters; the limit is {4_000:N0}.";
        Assert.Equal((HttpStatusCode.BadRequest, expected), (live.Status, JsonDocument.Parse(live.Body).RootElement.GetProperty("message").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, expected), (outline.Status, JsonDocument.Parse(outline.Body).RootElement.GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, form.Status);
        Assert.True(form.Shows(expected), form.Text);
        // Nothing was saved, and the text typed is still in the form to shorten.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Segments}/long")).Status);
        Assert.Contains("OR orders_count &gt;= 1", form.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_past_its_time_limit_says_to_save_instead()
    {
        // A limit of zero has passed before the preview starts: a limit of a few ticks raced the timer thread, and on a busy
        // machine the query won.
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:PreviewTimeLimit"] = "00:00:00" });
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var token = StoreBrowser.TokenOf(await admin.GetAsync($"{Segments}/new"));

        var live = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"orders_count >= 2"}""", ("RequestVerificationToken", token));
        var button = await admin.SubmitAsync($"{Segments}/new", Segments, ("slug", "slow"), ("name", "Slow"), ("query", "orders_count >= 2"), ("action", "preview"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, live.Status);
        Assert.StartsWith("The preview took too long. Save the segment to evaluate it in the background",
            JsonDocument.Parse(live.Body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(button.Shows("The preview took too long."), button.Text);
    }

    [Fact]
    public async Task A_live_preview_past_its_answer_time_says_it_is_counting_and_the_count_comes_when_asked_again()
    {
        // No answer time at all: every live preview answers "still counting" first, and goes on in the background.
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:PreviewAnswerTime"] = "00:00:00" });
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var token = StoreBrowser.TokenOf(await admin.GetAsync($"{Segments}/new"));

        // Evaluated profile by profile (interest), so it cannot be done the instant it is asked for.
        var live = await admin.PostJsonAsync($"{Segments}/preview", """{"query":"interest(\"candles\") > 0"}""", ("RequestVerificationToken", token));
        var pending = JsonDocument.Parse(live.Body).RootElement;
        Page answer;
        do
        {
            await Task.Delay(50);
            answer = await admin.GetAsync($"{Segments}/preview/{pending.GetProperty("pending").GetString()}");
        }
        while (answer.Status == HttpStatusCode.Accepted);
        var gone = await admin.GetAsync($"{Segments}/preview/{pending.GetProperty("pending").GetString()}");
        var expected = (await store.Services.GetRequiredService<NopSegments.Data.Segments.SavedSegments>().PreviewAsync("interest(\"candles\") > 0", null)).Count;

        Assert.Equal(HttpStatusCode.Accepted, live.Status);
        Assert.StartsWith("Still counting", pending.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, JsonDocument.Parse(answer.Html).RootElement.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task A_segment_read_by_another_cannot_be_deleted_until_that_one_changes()
    {
        await using var store = await StoreFactory.CreateAsync();
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await admin.SubmitAsync($"{Segments}/new", Segments, ("slug", "buyers"), ("name", "Buyers"), ("query", "orders_count >= 1"), ("action", "save"));
        await admin.SubmitAsync($"{Segments}/new", Segments,
            ("slug", "uk-buyers"), ("name", "UK buyers"), ("query", "in_segment(\"buyers\") AND country = \"GB\""), ("action", "save"));

        var refused = await admin.SubmitAsync($"{Segments}/buyers", $"{Segments}/buyers/delete");
        await admin.SubmitAsync($"{Segments}/uk-buyers", $"{Segments}/uk-buyers/delete");
        var deleted = await admin.SubmitAsync($"{Segments}/buyers", $"{Segments}/buyers/delete");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Shows("'uk-buyers' reads 'buyers' through in_segment"), refused.Text);
        Assert.True(deleted.Shows("Deleted segment 'buyers'."));
        Assert.True(deleted.Shows("No segment yet"));
    }

    [SkippableFact]
    public async Task In_the_browser_the_count_and_errors_follow_the_typing()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        await using var browser = await Chromium.OpenAsync(store.ServerAddress);
        var page = browser.Page;
        await Chromium.LogInAsAdminAsync(page);
        await page.GotoAsync($"{Segments}/new");

        // The code editor takes the textarea's place once its script has run: type where the merchandiser types.
        var query = page.Locator("[data-query-editor]");
        await query.FillAsync("orders_count >= 2");
        await Assertions.Expect(page.Locator("[data-count]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9,]*$"));
        await query.FillAsync("orders_cont >= 2");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did you mean 'orders_count'");
        await query.FillAsync("orders_count >= 3");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-count]")).ToBeVisibleAsync();
    }

    private static int Count(Page page) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(page.Html, "data-count(?:=\"\")?>([0-9,]+)<").Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
}
