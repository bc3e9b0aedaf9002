using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.DemoStore.Storage;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Testing;

namespace NopSegments.DemoStore.Tests;

/// <summary>What a hostile browser posts never costs another shopper an event, nor sets a fact the server owns.</summary>
public sealed class HostileInputTests
{
    private const string NulDevice = """{"events":[{"name":"page_viewed","properties":{"url":"http://localhost/","device":"\u0000","title":"a\u0000b"}}]}""";

    [SkippableTheory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Shoppers_product_views_are_all_stored_while_a_visitor_posts_NUL_characters(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var store = await StoreFactory.CreateAsync(provider);
        List<string> skus;
        using (var scope = store.Services.CreateScope())
            skus = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products.OrderBy(p => p.Sku).Select(p => p.Sku).Take(10).ToListAsync();
        var shoppers = Enumerable.Range(0, 30).Select(_ => store.NewBrowser()).ToList();
        var hostile = store.NewBrowser();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        var views = shoppers.Select(async shopper =>
        {
            foreach (var sku in skus)
                Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/product/{sku}")).Status);
        }).ToList();
        for (var i = 0; i < 10; i++)
        {
            var (status, body, _) = await hostile.TrackAsync(NulDevice);
            answers.Add((status, body));
        }
        await Task.WhenAll(views);

        Assert.Equal(300, (await store.EventsAsync(name: "product_viewed")).Count);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        var reasons = JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString());
        Assert.Equal(["property 'title': holds a control character (U+0000) at character 2; text may hold tabs and line breaks but no other control characters"], reasons);
    }

    [Fact]
    public async Task A_posted_country_never_reaches_the_profile_and_the_answer_says_it_was_ignored()
    {
        await using var store = await StoreFactory.CreateAsync();
        var browser = store.NewBrowser();

        var (status, body, _) = await browser.TrackAsync("""
            {"events":[{"name":"page_viewed","properties":{"url":"http://localhost/","country":"Narnia","source":"paid","utm_campaign":"forged"}}]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.StartsWith("ignored 'country', 'source', 'utm_campaign': the session's", answer.GetProperty("ignored").GetString(), StringComparison.Ordinal);
        var stored = Assert.Single(await store.EventsAsync(browser.VisitorId));
        Assert.DoesNotContain("Narnia", stored.Properties, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", stored.Properties, StringComparison.Ordinal);
        await using var db = new SegmentsDbContextFactory(DatabaseProvider.Sqlite, store.Database.ConnectionString).Create();
        Assert.DoesNotContain(await db.Profiles.Select(p => p.Country).ToListAsync(), c => c == "Narnia");
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Text_a_server_hook_passes_is_cleaned_of_control_characters_and_stored(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var store = await StoreFactory.CreateAsync(provider);
        var tracker = store.Services.GetRequiredService<NopSegments.Tracking.ISegmentsTracker>();

        var result = tracker.Track(new NopSegments.Tracking.StoreEvent("searched", "v-server", DateTimeOffset.UtcNow)
        {
            Properties = new Dictionary<string, object?> { ["query"] = "fairy\u0000 lights\u001b\tand\nmore\ud800" },
        });

        Assert.True(result.Accepted, result.Reason);
        var stored = Assert.Single(await store.EventsAsync("v-server"));
        Assert.Equal("fairy lights\tand\nmore", JsonDocument.Parse(stored.Properties).RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Logging_out_gives_the_next_person_on_the_device_a_new_visitor_outside_the_customers_profile()
    {
        await using var store = await StoreFactory.CreateAsync();
        var device = store.NewBrowser();
        await device.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.ShopperEmail, NopSegments.DemoStore.Seeding.DemoAccounts.ShopperPassword);
        var customersVisitor = device.VisitorId;

        await device.SubmitAsync("/", "/logout");
        var next = device.VisitorId;
        await device.GetAsync("/search?q=lantern");

        Assert.NotNull(next);
        Assert.NotEqual(customersVisitor, next);
        var search = Assert.Single(await store.EventsAsync(next, "searched"));
        Assert.Null(search.CustomerId);
        Assert.DoesNotContain(await store.EventsAsync("17850", "searched"), e => e.VisitorId == next);
    }
}
