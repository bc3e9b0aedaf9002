using System.Net;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class BadInputTests
{
    private const string Lantern = "71053";

    [Fact]
    public async Task An_unknown_product_page_is_a_friendly_404_and_records_nothing()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        var page = await shopper.GetAsync("/product/NO-SUCH-SKU");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.True(page.Shows("We could not find that page"));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId));
    }

    [Fact]
    public async Task Adding_an_unknown_product_explains_and_records_nothing()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        var page = await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", "99999ZZ"), ("quantity", "1"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("We could not find a product '99999ZZ'"));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId, "added_to_cart"));
    }

    [Theory]
    [InlineData("-2", "The quantity cannot be negative.")]
    [InlineData("0", "Choose a quantity of at least 1.")]
    [InlineData("100000", "You can order at most 999 of one product.")]
    [InlineData("99999999999999999999", "Enter the quantity as a whole number.")]
    [InlineData("two", "Enter the quantity as a whole number.")]
    [InlineData("1.5", "Enter the quantity as a whole number.")]
    public async Task A_bad_quantity_is_explained_on_the_product_page_and_changes_nothing(string quantity, string message)
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        var page = await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", quantity));

        Assert.Equal($"/product/{Lantern}", page.Path);
        Assert.True(page.Shows(message), page.Text);
        Assert.True((await shopper.GetAsync("/cart")).Shows("Your cart is empty"));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId, "added_to_cart"));
    }

    [Fact]
    public async Task A_cart_line_cannot_grow_past_the_limit_in_steps()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "900"));
        var page = await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "100"));

        Assert.True(page.Shows("You can order at most 999 of one product."));
        Assert.Single(await store.EventsAsync(shopper.VisitorId, "added_to_cart"));
    }

    [Fact]
    public async Task An_unknown_discount_code_is_explained_and_records_nothing()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "1"));

        var page = await shopper.SubmitAsync("/cart", "/cart?handler=discount", ("code", "FREESTUFF"));

        Assert.True(page.Shows("'FREESTUFF' is not a valid discount code."));
        Assert.False(page.Shows("Discount FREESTUFF"));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId, "discount_applied"));
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_is_explained_and_places_no_order()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        var view = await shopper.GetAsync("/checkout");
        // A stale checkout form posted after the cart was emptied elsewhere; the token comes from any store form.
        var post = await shopper.SubmitAsync("/register", "/checkout",
            ("Form.Email", "a@example.com"), ("Form.Name", "A"), ("Form.Country", "France"));

        Assert.True(view.Shows("Your cart is empty. Add a product before checking out."));
        Assert.Equal("/cart", post.Path);
        Assert.True(post.Shows("Your cart is empty. Add a product before checking out."));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId));
    }

    [Fact]
    public async Task A_checkout_with_missing_details_says_what_is_missing_and_keeps_the_cart()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "1"));

        var page = await shopper.SubmitAsync("/checkout", "/checkout", ("Form.Email", "not-an-email"), ("Form.Name", ""), ("Form.Country", "Atlantis"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("Enter your name."));
        Assert.True(page.Shows("The Email field is not a valid e-mail address."));
        Assert.True(page.Shows("Choose a country from the list."));
        Assert.True((await shopper.GetAsync("/cart")).Shows("White Metal Lantern"));
        Assert.Empty(await store.EventsAsync(shopper.VisitorId, "order_placed"));
    }

    [Fact]
    public async Task A_tampered_visitor_cookie_is_replaced_never_trusted()
    {
        await using var store = await StoreFactory.CreateAsync();
        var victim = store.NewBrowser();
        await victim.GetAsync($"/product/{Lantern}");
        var forger = store.NewBrowser();
        var stolen = victim.Cookies.GetCookies(new Uri("http://localhost/"))["nopsegments.vid"]!.Value;
        forger.Cookies.Add(new Uri("http://localhost/"), new Cookie("nopsegments.vid", stolen[..^4] + "AAAA"));

        var page = await forger.GetAsync("/search?q=doormat");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("We could not verify your browsing cookie, so we started a fresh one."));
        Assert.NotEqual(victim.VisitorId, forger.VisitorId);
        Assert.Equal(["product_viewed"], (await store.EventsAsync(victim.VisitorId)).Select(e => e.Name));
        Assert.Equal(["searched"], (await store.EventsAsync(forger.VisitorId)).Select(e => e.Name));
        Assert.False((await forger.GetAsync("/")).Shows("We could not verify"), "the fresh cookie is trusted from then on");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var store = await StoreFactory.CreateAsync();
        using var client = store.CreateClient();
        using var form = new FormUrlEncodedContent([new("sku", Lantern), new("quantity", "1")]);

        using var response = await client.PostAsync("/cart?handler=add", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await store.EventsAsync(name: "added_to_cart"));
    }
}
