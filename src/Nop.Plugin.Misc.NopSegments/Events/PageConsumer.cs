using Nop.Services.Catalog;
using Nop.Services.Events;
using Nop.Core;
using Nop.Web.Framework.Events;
using Nop.Web.Framework.Models;
using Nop.Web.Models.Catalog;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>Product, category and search pages, from the models nopCommerce prepares for them.</summary>
internal sealed class PageConsumer(StoreEventPublisher events, IWorkContext work, IProductService products, ICategoryService categories)
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
            case SearchModel { q: { Length: > 0 } query }:
                await events.PublishAsync(EventNames.Searched, await work.GetCurrentCustomerAsync(), new Dictionary<string, object> { ["query"] = query });
                break;
        }
    }
}
