using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Tests;

/// <summary>The demo store answers every part of the host contract from its own real data.</summary>
public sealed class HostContractTests
{
    [Fact]
    public async Task The_customer_directory_finds_customers_by_id_and_email_with_their_zero_party_data()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.SubmitAsync("/register", "/register",
            ("Form.Email", "Grace@Example.com"), ("Form.Password", "a long password"), ("Form.FirstName", "Grace"),
            ("Form.LastName", "Hopper"), ("Form.Country", "USA"), ("Form.Gender", "female"), ("Form.DateOfBirth", "1986-12-09"),
            ("Form.AcceptsMarketing", "true"));
        await using var scope = store.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICustomerDirectory>();

        var grace = await directory.FindByEmailAsync("grace@example.com");
        var seeded = await directory.FindAsync("17850");

        Assert.NotNull(grace);
        Assert.Equal(("Grace", "Hopper", "USA", "female"), (grace.FirstName, grace.LastName, grace.Country, grace.Gender));
        Assert.Equal(new DateOnly(1986, 12, 9), grace.DateOfBirth);
        Assert.True(grace.IsRegistered && grace.AcceptsMarketing);
        Assert.Equal(["Registered"], grace.Roles);
        Assert.Equal(grace.Email, (await directory.FindAsync(grace.CustomerId))?.Email);
        Assert.Equal(DemoAccounts.ShopperEmail, seeded!.Email);
        Assert.Equal("United Kingdom", seeded.Country);
        Assert.Null(await directory.FindAsync("not-a-customer"));
    }

    [Fact]
    public async Task The_catalog_gives_product_names_prices_categories_and_links()
    {
        await using var store = await StoreFactory.CreateAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IProductCatalog>();

        var lantern = await catalog.FindProductAsync("71053");
        var categories = await catalog.ListCategoriesAsync();

        Assert.Equal(("White Metal Lantern", "Candles & Lights", 3.39m), (lantern!.Name, lantern.Category, lantern.Price));
        Assert.Equal("/product/71053", lantern.Url.AbsolutePath);
        Assert.Null(await catalog.FindProductAsync("NOPE"));
        Assert.Contains(categories, c => c.Name == "Christmas" && c.Url.AbsolutePath == "/category/christmas");
    }

    [Fact]
    public async Task The_cart_reader_sees_a_customers_cart_with_a_restore_link()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();
        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        await shopper.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "2"));
        await using var scope = store.Services.CreateAsyncScope();

        var cart = await scope.ServiceProvider.GetRequiredService<ICartReader>().GetCartAsync("17850", shopper.VisitorId!);

        var line = Assert.Single(cart.Lines);
        Assert.Equal(("71053", 2, 6.78m), (line.Sku, line.Quantity, cart.Total));
        Assert.Equal("/cart/restore", cart.RestoreUrl.AbsolutePath);
        Assert.StartsWith("?token=", cart.RestoreUrl.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issued_single_use_code_works_once_at_the_cart()
    {
        await using var store = await StoreFactory.CreateAsync();
        IssuedDiscount code;
        await using (var scope = store.Services.CreateAsyncScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<IDiscountIssuer>()
                .IssueSingleUseCodeAsync(new DiscountRequest(20, DateTimeOffset.UtcNow.AddDays(7), "comeback"));
        }
        var first = store.NewBrowser();
        await first.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "1"));
        var applied = await first.SubmitAsync("/cart", "/cart?handler=discount", ("code", code.Code));
        await first.SubmitAsync("/checkout", "/checkout", ("Form.Email", "one@example.com"), ("Form.Name", "One"), ("Form.Country", "Spain"));
        var second = store.NewBrowser();
        await second.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "1"));
        var refused = await second.SubmitAsync("/cart", "/cart?handler=discount", ("code", code.Code));

        Assert.StartsWith("COMEBACK-", code.Code, StringComparison.Ordinal);
        Assert.True(applied.Shows($"Discount {code.Code} (20%)"));
        Assert.True(refused.Shows($"The code {code.Code} has expired or was already used."));
    }

    [Fact]
    public async Task Mail_goes_to_the_stores_queue_and_shows_in_its_admin()
    {
        await using var store = await StoreFactory.CreateAsync();
        await using (var scope = store.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailSender>()
                .SendAsync(new EmailMessage("sam@example.com", "You left something in your cart", "<p>Come back</p>"));
        }
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var queue = await admin.GetAsync("/admin/emails");

        Assert.True(queue.Shows("sam@example.com") && queue.Shows("You left something in your cart"));
    }

    [Fact]
    public async Task Admin_authorization_and_store_context_come_from_the_store()
    {
        await using var store = await StoreFactory.CreateAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAdminAuthorization>();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Administrators")], "test"));
        var shopper = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Registered")], "test"));

        Assert.True(await authorization.IsAdminAsync(admin));
        Assert.False(await authorization.IsAdminAsync(shopper));
        var current = scope.ServiceProvider.GetRequiredService<IStoreContext>().Current;
        Assert.Equal(("Hearth & Holly", "GBP"), (current.Name, current.Currency));
    }
}
