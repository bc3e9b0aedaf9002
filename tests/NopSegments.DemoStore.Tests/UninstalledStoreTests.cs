using System.Net;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class UninstalledStoreTests
{
    [Fact]
    public async Task Without_the_module_the_store_sells_and_nothing_is_tracked()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        var shopper = store.NewBrowser();

        await shopper.GetAsync("/product/71053");
        await shopper.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "2"));
        var confirmation = await shopper.SubmitAsync("/checkout", "/checkout",
            ("Form.Email", "quiet@example.com"), ("Form.Name", "Quiet Shopper"), ("Form.Country", "Norway"));

        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        Assert.True(confirmation.Shows("Thank you for your order"));
        Assert.Null(shopper.VisitorId);
        Assert.DoesNotContain(await store.Database.TablesAsync(), t => t.StartsWith("nopsegments", StringComparison.Ordinal));
    }
}
