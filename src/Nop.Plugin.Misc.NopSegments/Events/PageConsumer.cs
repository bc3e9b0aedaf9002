using Nop.Services.Catalog;
using Nop.Services.Events;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Services.Orders;
using Nop.Web.Models.Checkout;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;
using Nop.Web.Models.Catalog;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>
/// Product, category, search and checkout pages (one-page checkout, or the billing step of the multi-step one, with the
/// cart's subtotal), from the models nopCommerce prepares for them.
/// </summary>
internal sealed class PageConsumer(
    StoreEventPublisher events, IWorkContext work, IStoreContext store, IProductService products, ICategoryService categories,
    IShoppingCartService carts, IOrderTotalCalculationService totals)
    : IConsumer<ModelPreparedEvent<BaseNopModel>>
{
    public async Task HandleEventAsync(ModelPreparedEvent<BaseNopModel> eventMessage)
    {
        switch (eventMessage.Model)
        {
            case ProductDetailsModel details when await products.GetProductByIdAsync(details.Id) is { } product:
                var named = details.Breadcrumb?.CategoryBreadcrumb?.LastOrDefault()?.Name ?? await CatalogFacts.CategoryOfAsync(categories, product.Id);
                await events.PublishAsync(EventNames.ProductViewed, await work.GetCurrentCustomerAsync(), CatalogFacts.Line(product, named, null));
                break;
            case CategoryModel page:
                await events.PublishAsync(EventNames.CategoryViewed, await work.GetCurrentCustomerAsync(), new Dictionary<string, object> { ["category"] = page.Name });
                break;
            case OnePageCheckoutModel or CheckoutBillingAddressModel:
                var customer = await work.GetCurrentCustomerAsync();
                var cart = await carts.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, (await store.GetCurrentStoreAsync()).Id);
                if (cart.Count == 0)
                    break;
                var (_, _, _, subtotal, _) = await totals.GetShoppingCartSubTotalAsync(cart, includingTax: true);
                await events.PublishAsync(EventNames.CheckoutStarted, customer, new Dictionary<string, object> { ["value"] = subtotal });
                break;
            case SearchModel { q: { Length: > 0 } query }:
                await events.PublishAsync(EventNames.Searched, await work.GetCurrentCustomerAsync(), new Dictionary<string, object> { ["query"] = query });
                break;
        }
    }
}
