using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Hosting;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests.Campaigns;

/// <summary>
/// The offers' HTTP side: a cached page carries only a placeholder (no shopper's offer or code in it), each shopper gets
/// their own offer and code from the tracker's call, and reports count only with a token served to the same browser.
/// </summary>
public sealed class OfferEndpointTests
{
    private const string Welcome = """
        { "slug": "first-order", "name": "First order", "placement": "productdetails_top", "caps": { "perSession": 0 },
          "content": { "title": "Your first order", "body": "<p>15 % off it.</p>" }, "discount": { "percent": 15 } }
        """;

    [Fact]
    public async Task A_cached_page_holds_a_placeholder_and_each_shopper_gets_their_own_offer_and_code_from_the_tracker()
    {
        await using var store = await StoreFactory.CreateAsync(settings: new Dictionary<string, string> { ["NopSegments:CachedPages"] = "true" });
        await CampaignHarness.GoLiveAsync(store, Welcome);
        var (ann, bob) = (store.NewBrowser(), store.NewBrowser());

        var annPage = await ann.GetAsync("/product/71053");
        var bobPage = await bob.GetAsync("/product/71053");
        var annShown = await ShowAsync(ann, "productdetails_top");
        var bobShown = await ShowAsync(bob, "productdetails_top");
        var annAgain = await ShowAsync(ann, "productdetails_top");

        Assert.Contains("data-nopsegments-zone=\"productdetails_top\"", annPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("nopsegments-offer", annPage.Html, StringComparison.Ordinal);
        Assert.Equal(Strip(annPage.Html), Strip(bobPage.Html));
        Assert.Contains("Your first order", annShown, StringComparison.Ordinal);
        var (annCode, bobCode) = (Code(annShown), Code(bobShown));
        Assert.NotEqual(annCode, bobCode);
        Assert.Equal(annCode, Code(annAgain)); // the code is the person's: issued once, shown again
    }

    [Fact]
    public async Task A_report_counts_only_with_a_token_served_to_the_same_browser()
    {
        await using var store = await StoreFactory.CreateAsync();
        await CampaignHarness.GoLiveAsync(store, Welcome);
        var (ann, mallory) = (store.NewBrowser(), store.NewBrowser());
        await mallory.GetAsync("/");
        var token = (await OffersAsync(ann, "productdetails_top")).Single().GetProperty("token").GetString()!;

        var stolen = await mallory.PostJsonAsync("/nopsegments/offers/clicked", $"{{\"token\":\"{token}\"}}");
        var forged = await mallory.PostJsonAsync("/nopsegments/offers/viewed", "{\"token\":\"CfDJ8-not-a-token\"}");
        var unknown = await ann.PostJsonAsync("/nopsegments/offers/liked", $"{{\"token\":\"{token}\"}}");
        var notJson = await ann.PostJsonAsync("/nopsegments/offers/viewed", "token=1");
        var claimed = await mallory.TrackAsync("""{"events":[{"name":"offer_viewed","properties":{"campaign":"first-order","variant":"A"}}]}""");
        var own = await ann.PostJsonAsync("/nopsegments/offers/viewed", $"{{\"token\":\"{token}\"}}");
        await CampaignHarness.StoredAsync(store, ann.VisitorId!, "offer_viewed");

        Assert.Equal((HttpStatusCode.BadRequest, "This is not an offer served to this browser"), (stolen.Status, Reason(stolen.Body)));
        Assert.Equal((HttpStatusCode.BadRequest, "This is not an offer served to this browser"), (forged.Status, Reason(forged.Body)));
        Assert.Equal((HttpStatusCode.BadRequest, "'liked' is not a report: use viewed, clicked or closed"), (unknown.Status, Reason(unknown.Body)));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal(HttpStatusCode.BadRequest, claimed.Status);
        Assert.StartsWith("'offer_viewed' is reported with the served offer's token",
            JsonDocument.Parse(claimed.Body).RootElement.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Empty(await store.EventsAsync(mallory.VisitorId!, "offer_viewed"));
        Assert.Empty(await store.EventsAsync(mallory.VisitorId!, "offer_clicked"));
        Assert.Single(await store.EventsAsync(ann.VisitorId!, "offer_viewed"));
    }

    [Fact]
    public async Task A_cart_value_condition_reads_the_shoppers_cart_from_the_host()
    {
        await using var store = await StoreFactory.CreateAsync();
        await CampaignHarness.GoLiveAsync(store, """
            { "slug": "free-delivery", "name": "Free delivery", "placement": "top_bar", "caps": { "perSession": 0 },
              "audience": { "minCartValue": 1 }, "content": { "title": "Free delivery on this order" } }
            """);
        var shopper = store.NewBrowser();

        var emptyCart = await OffersAsync(shopper, "top_bar");
        await shopper.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "1"));
        await CampaignHarness.StoredAsync(store, shopper.VisitorId!, "added_to_cart");
        var withCart = await OffersAsync(shopper, "top_bar");

        Assert.Empty(emptyCart);
        Assert.Equal("top_bar", Assert.Single(withCart).GetProperty("slot").GetString());
    }

    [Fact]
    public async Task A_host_that_cannot_issue_the_code_gets_its_page_without_the_offer_never_an_error()
    {
        await using var store = await StoreFactory.CreateAsync(replace: services => services.AddScoped<IDiscountIssuer, BrokenIssuer>());
        await CampaignHarness.GoLiveAsync(store, Welcome);
        var shopper = store.NewBrowser();

        var page = await shopper.GetAsync("/product/71053");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("Add to cart"));
        Assert.DoesNotContain("nopsegments-offer", page.Html, StringComparison.Ordinal);
    }

    private sealed class BrokenIssuer : IDiscountIssuer
    {
        public Task<IssuedDiscount> IssueSingleUseCodeAsync(DiscountRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the discount table is locked");
    }

    private static async Task<List<JsonElement>> OffersAsync(StoreBrowser shopper, string slot)
    {
        var page = await shopper.GetAsync($"/nopsegments/offers?slots={slot}&pageType=product");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return [.. JsonDocument.Parse(page.Html).RootElement.EnumerateArray()];
    }

    private static async Task<string> ShowAsync(StoreBrowser shopper, string slot)
    {
        var token = (await OffersAsync(shopper, slot)).Single().GetProperty("token").GetString()!;
        var shown = await shopper.PostJsonAsync("/nopsegments/offers/viewed", $"{{\"token\":\"{token}\"}}");
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        return JsonDocument.Parse(shown.Body).RootElement.GetProperty("html").GetString()!;
    }

    private static string Code(string html) => System.Text.RegularExpressions.Regex.Match(html, "data-nopsegments-code>([^<]+)<").Groups[1].Value;

    private static string Reason(string body) => JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString()!;

    // Antiforgery tokens in forms differ per request; the rest of a cached page is the same for everyone.
    private static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(html, "value=\"CfDJ8[^\"]+\"", "");
}
