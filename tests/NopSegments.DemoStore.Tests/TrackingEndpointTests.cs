using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Settings;

namespace NopSegments.DemoStore.Tests;

public sealed class TrackingEndpointTests
{
    private const string PageView = """{"name":"page_viewed","properties":{"url":"http://localhost/?utm_source=insta&utm_medium=social","path":"/","title":"Home","referrer":null}}""";

    [Fact]
    public async Task Good_events_are_kept_beside_bad_ones_and_the_browser_cannot_report_orders()
    {
        await using var store = await StoreFactory.CreateAsync();
        var browser = store.NewBrowser();

        var (status, body, _) = await browser.TrackAsync($$$"""
            {"events":[{{{PageView}}},
              {"name":"order_placed","properties":{"order_id":"FAKE","value":1000}},
              {"name":"page_exited","properties":{"url":"http://localhost/","engaged_seconds":"long"}},
              {"name":"page_teleported"},
              {"name":"page_exited","properties":{"url":"http://localhost/","engaged_seconds":12.5,"scroll_depth":80}}]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            ["1: the browser may not report 'order_placed'; the store reports it", "2: property 'engaged_seconds': expected a number, got text \"long\"", "3: unknown event 'page_teleported'"],
            answer.GetProperty("rejected").EnumerateArray().Select(r => $"{r.GetProperty("index").GetInt32()}: {r.GetProperty("reason").GetString()}"));
        var stored = (await store.EventsAsync(browser.VisitorId)).Reverse().ToList();
        Assert.Equal(["page_viewed", "page_exited"], stored.Select(e => e.Name));
        var view = JsonDocument.Parse(stored[0].Properties).RootElement;
        Assert.Equal(("Home", "social", "insta"), (view.GetProperty("title").GetString(), view.GetProperty("source").GetString(), view.GetProperty("utm_source").GetString()));
        Assert.DoesNotContain(await store.EventsAsync(name: "order_placed"), e => e.Properties.Contains("FAKE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", 400, "The body is not JSON")]
    [InlineData("""{"events":[]}""", 400, "No events")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"url":{"nested":1}}}]}""", 400, "nested objects and arrays are not allowed")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"title":"a\u0007b"}}]}""", 400, "holds a control character")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"title":"\ud800"}}]}""", 400, "not valid Unicode")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"title":"line\nbreak\ttab"}}]}""", 202, "\"accepted\":1")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"email":"ada@example.com"}}]}""", 400, "has no property")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"customer_id":"17850"}}]}""", 400, "has no property")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":{"order_id":"536365","value":9999}}]}""", 400, "has no property")]
    [InlineData("""{"events":[null,{"name":"page_viewed"}]}""", 202, "the event has no name")]
    [InlineData("""{"Events":[{"Name":"page_viewed","Properties":{"title":"Home"}}],"version":2}""", 202, "\"accepted\":1")]
    [InlineData("""{"events":[{"name":"page_viewed"}]} {}""", 400, "The body is not JSON")]
    [InlineData("""{"events":{"name":"page_viewed"}}""", 400, "must be an array, not an object")]
    [InlineData("""{"events":[{"name":7}]}""", 400, "must be text, not a number")]
    [InlineData("""{"events":[{"name":"page_viewed","properties":7}]}""", 400, "must be an object, not a number")]
    [InlineData("""[{"name":"page_viewed"}]""", 400, "the body must be an object, not an array")]
    public async Task Malformed_requests_get_a_reason(string json, int status, string reason)
    {
        await using var store = await StoreFactory.CreateAsync();

        var (code, body, _) = await store.NewBrowser().TrackAsync(json);

        Assert.Equal(status, (int)code);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_bodies_and_batches_get_413()
    {
        await using var store = await StoreFactory.CreateAsync();
        var browser = store.NewBrowser();
        var huge = $$$"""{"events":[{"name":"page_viewed","properties":{"title":"{{{new string('x', 17_000)}}}"}}]}""";
        var many = $$"""{"events":[{{string.Join(",", Enumerable.Repeat(PageView, 26))}}]}""";

        var (bodyStatus, bodyAnswer, _) = await browser.TrackAsync(huge);
        var (batchStatus, batchAnswer, _) = await browser.TrackAsync(many);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (bodyStatus, batchStatus));
        Assert.Contains("larger than 16384 bytes", bodyAnswer, StringComparison.Ordinal);
        Assert.Contains("26 events; at most 25 per request", batchAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_posting_too_fast_gets_429_with_retry_after()
    {
        await using var store = await StoreFactory.CreateAsync(browserEventsPerMinute: 5);
        var browser = store.NewBrowser();
        await browser.GetAsync("/");

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            var (status, _, response) = await browser.TrackAsync($$"""{"events":[{{PageView}}]}""");
            answers.Add(status);
            last = response;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), answers);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Equal(5, (await store.EventsAsync(browser.VisitorId)).Count);
    }

    [Fact]
    public async Task A_browser_whose_visitor_cookie_never_verifies_is_limited_by_its_address()
    {
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:AddressEventsPerMinute"] = "5" });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            // A new client each time keeps none of the cookies the store answers with, so each post is a "new" visitor.
            var (status, _, _) = await store.NewBrowser().TrackAsync($$"""{"events":[{{PageView}}]}""", ("Cookie", $"nopsegments.vid=CfDJ8forged{i}"));
            answers.Add(status);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), answers);
    }

    [Fact]
    public async Task A_flood_of_fresh_cookies_from_one_address_gets_429_while_shoppers_elsewhere_are_unaffected()
    {
        await using var store = await StoreFactory.CreateAsync(kestrel: true, settings: new Dictionary<string, string> { ["NopSegments:AddressEventsPerMinute"] = "20" });

        async Task<HttpStatusCode> PostFrom(string address)
        {
            // Each request a new browser: it fetches a page for a valid visitor cookie, then posts with it.
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = store.ServerAddress };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            (await client.GetAsync("/")).EnsureSuccessStatusCode();
            using var response = await client.PostAsync("/nopsegments/track", new StringContent($$"""{"events":[{{PageView}}]}""", System.Text.Encoding.UTF8, "application/json"));
            return response.StatusCode;
        }

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
            flood.Add(await PostFrom("203.0.113.9"));
        var shopper = await PostFrom("198.51.100.7");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 20).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)), flood);
        Assert.Equal(HttpStatusCode.Accepted, shopper);
    }

    [Fact]
    public async Task Past_the_stores_ceiling_every_browser_waits()
    {
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:StoreEventsPerMinute"] = "3" });

        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 4; i++)
        {
            var (status, body, _) = await store.NewBrowser().TrackAsync($$"""{"events":[{{PageView}}]}""");
            answers.Add((status, body));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        Assert.Contains("Too many events from this store", answers[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Do_not_track_is_honoured_on_pages_and_at_the_endpoint()
    {
        await using var store = await StoreFactory.CreateAsync();
        var browser = store.NewBrowser();

        await browser.GetAsync("/product/71053");
        var (status, body, _) = await browser.TrackAsync($$"""{"events":[{{PageView}}]}""", ("DNT", "1"));
        var gpc = store.NewBrowser();
        var (gpcStatus, gpcBody, _) = await gpc.TrackAsync($$"""{"events":[{{PageView}}]}""", ("Sec-GPC", "1"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (status, gpcStatus));
        Assert.Contains("Do Not Track", body, StringComparison.Ordinal);
        Assert.Contains("\"accepted\":0", gpcBody, StringComparison.Ordinal);
        Assert.Null(gpc.VisitorId);
        Assert.Equal(["product_viewed"], (await store.EventsAsync(browser.VisitorId)).Select(e => e.Name));
        var dnt = store.NewBrowser();
        dnt.Headers.Add("DNT", "1");
        await dnt.GetAsync("/product/71053");
        Assert.Null(dnt.VisitorId);
    }

    [Fact]
    public async Task In_consent_mode_nothing_is_tracked_or_stored_in_cookies_until_the_visitor_agrees()
    {
        await using var store = await StoreFactory.CreateAsync();
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync("tracking.consent_mode", "after_consent", CancellationToken.None);
        var browser = store.NewBrowser();

        await browser.GetAsync("/product/71053");
        var (_, before, _) = await browser.TrackAsync($$"""{"events":[{{PageView}}]}""");
        Assert.Null(browser.VisitorId);
        Assert.Contains("has not consented", before, StringComparison.Ordinal);

        browser.Cookies.Add(new Uri("http://localhost/"), new Cookie("nopsegments.consent", "granted"));
        await browser.GetAsync("/product/71053");
        var (_, after, _) = await browser.TrackAsync($$"""{"events":[{{PageView}}]}""");

        Assert.Contains("\"accepted\":1", after, StringComparison.Ordinal);
        Assert.Equal(["page_viewed", "product_viewed"], (await store.EventsAsync(browser.VisitorId)).Select(e => e.Name));
        Assert.Contains("data-consent=\"after_consent\"", (await browser.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_posts_are_taken()
    {
        await using var store = await StoreFactory.CreateAsync();
        using var client = store.CreateClient();

        using var response = await client.GetAsync("/nopsegments/track");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains("Post events to this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_module_the_endpoint_is_not_there()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);

        var (status, _, _) = await store.NewBrowser().TrackAsync($$"""{"events":[{{PageView}}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("tracker.js", (await store.NewBrowser().GetAsync("/")).Html, StringComparison.Ordinal);
    }
}
