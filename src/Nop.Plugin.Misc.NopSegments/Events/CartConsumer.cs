using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Events;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>Shopping-cart lines added and removed (wishlists are left out).</summary>
internal sealed class CartConsumer(StoreEventPublisher events, IProductService products, ICategoryService categories, ICustomerService customers)
    : IConsumer<EntityInsertedEvent<ShoppingCartItem>>, IConsumer<EntityDeletedEvent<ShoppingCartItem>>
{
    public Task HandleEventAsync(EntityInsertedEvent<ShoppingCartItem> eventMessage) => PublishAsync(EventNames.AddedToCart, eventMessage.Entity);

    public Task HandleEventAsync(EntityDeletedEvent<ShoppingCartItem> eventMessage) => PublishAsync(EventNames.RemovedFromCart, eventMessage.Entity);

    private async Task PublishAsync(string name, ShoppingCartItem item)
    {
        if (item.ShoppingCartType != ShoppingCartType.ShoppingCart || await products.GetProductByIdAsync(item.ProductId) is not { } product)
            return;
        var category = await CatalogFacts.CategoryOfAsync(categories, product.Id);
        await events.PublishAsync(name, await customers.GetCustomerByIdAsync(item.CustomerId), CatalogFacts.Line(product, category, item.Quantity));
    }
}
