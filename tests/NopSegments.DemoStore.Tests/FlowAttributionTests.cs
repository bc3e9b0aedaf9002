using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Profiles;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Language;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// Buying intent end to end: a shopper who keeps viewing one product gets an email about it; its open pixel and its
/// link (through the store) become events segments can use, and the order that follows is credited to the flow.
/// </summary>
public sealed partial class FlowAttributionTests
{
    [Fact]
    public async Task Views_become_an_email_whose_open_click_and_following_order_are_counted_for_the_flow()
    {
        var (store, sink, clock) = await FlowHarness.StartAsync(null, ("flows.buying_intent.enabled", "true"));
        await using var _ = store;
        await using var __ = sink;
        var shopper = await FlowHarness.RegisterAsync(store, "jo@example.com", consents: true);
        var browser = await FlowHarness.RegisterAsync(store, "ka@example.com", consents: true);
        for (var i = 0; i < 3; i++)
            await shopper.GetAsync($"/product/{FlowHarness.Lantern}");
        for (var i = 0; i < 2; i++)
            await browser.GetAsync($"/product/{FlowHarness.Lantern}");
        await FlowHarness.StoredAsync(store, shopper, "product_viewed", 3);
        await FlowHarness.StoredAsync(store, browser, "product_viewed", 2);

        clock.Advance(TimeSpan.FromMinutes(31));
        var run = await FlowHarness.RunFlowsAsync(store);
        var email = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromMinutes(5));
        var pixel = await store.NewBrowser().GetAsync(PathOf(Link(email.HtmlBody!, "email/open")));
        var landed = await shopper.GetAsync(PathOf(Link(email.HtmlBody!, "email/click")));
        var forged = await shopper.GetAsync("/nopsegments/email/click?t=forged");
        clock.Advance(TimeSpan.FromMinutes(5));
        await FlowHarness.AddLanternsAsync(store, shopper);
        await shopper.SubmitAsync("/checkout", "/checkout", ("Form.Email", "jo@example.com"), ("Form.Name", "Jo March"), ("Form.Country", "United Kingdom"));
        await FlowHarness.StoredAsync(store, shopper, "order_placed");
        clock.Advance(TimeSpan.FromHours(1));
        var credited = await FlowHarness.RunFlowsAsync(store);
        var admin = store.NewBrowser();
        await admin.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.AdminEmail, NopSegments.DemoStore.Seeding.DemoAccounts.AdminPassword);
        var page = await admin.GetAsync("/admin/nopsegments/flows/buying_intent");

        Assert.Equal((1, 1), (run.Entered, run.Sent));
        Assert.Equal("Still thinking about White Metal Lantern?", email.Subject);
        Assert.Equal("jo@example.com", email.To.Mailboxes.Single().Address);
        Assert.Equal(System.Net.HttpStatusCode.OK, pixel.Status);
        Assert.Equal($"/product/{FlowHarness.Lantern}", landed.Path);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.Status);
        Assert.Single(await store.EventsAsync(name: "email_sent"));
        Assert.Single(await store.EventsAsync(name: "email_opened"));
        var click = Assert.Single(await store.EventsAsync(name: "email_clicked"));
        Assert.Contains("buying_intent", click.Properties, StringComparison.Ordinal);
        Assert.Equal(1, credited.Converted);
        var row = Regex.Match(page.Html, "<tr data-step=\"1\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["1", "30m", "email", "1", "1", "1", "1"], Regex.Matches(row, "<td>(.*?)</td>").Take(7).Select(m => m.Groups[1].Value));
        Assert.True(page.Shows("revenue"), page.Text);
        // The click is a fact of the person: a segment can ask for it.
        var profile = (await store.EventsAsync(name: "email_clicked"))[0].ProfileId!.Value;
        var snapshot = await store.Services.GetRequiredService<ProfileSnapshots>().OneAsync(profile, clock.GetUtcNow(), false, CancellationToken.None);
        Assert.True(SegmentQuery.Parse("email_clicked(flow = \"buying_intent\", within 1d) >= 1").Matches(snapshot!));
    }

    private static string Link(string html, string kind) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, $"\"(https?://[^\"]+/nopsegments/{kind}\\?t=[^\"]+)\"").Groups[1].Value);

    private static string PathOf(string url) => new Uri(url).PathAndQuery;
}
