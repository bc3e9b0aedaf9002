using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Services.Catalog;
using Nop.Services.Customers;
using Nop.Services.Events;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Tracking;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>
/// Shopping-cart lines added, changed in quantity and removed (wishlists are left out). nopCommerce empties the cart of
/// a placed order without an event per line, so an order is never read as removals.
/// </summary>
internal sealed class CartConsumer(
    StoreEventPublisher events, IProductService products, ICategoryService categories, ICustomerService customers, CartQuantities quantities)
    : IConsumer<EntityInsertedEvent<ShoppingCartItem>>, IConsumer<EntityUpdatedEvent<ShoppingCartItem>>, IConsumer<EntityDeletedEvent<ShoppingCartItem>>
{
    // Removing more than a line holds empties it: what a line of unknown size changed to is "emptied, then the new quantity".
    private const int WholeLine = int.MaxValue;

    public Task HandleEventAsync(EntityInsertedEvent<ShoppingCartItem> eventMessage)
    {
        quantities.Remember(eventMessage.Entity.Id, eventMessage.Entity.Quantity);
        return PublishAsync(EventNames.AddedToCart, eventMessage.Entity, eventMessage.Entity.Quantity);
    }

    public async Task HandleEventAsync(EntityUpdatedEvent<ShoppingCartItem> eventMessage)
    {
        var item = eventMessage.Entity;
        var before = quantities.Recall(item.Id);
        quantities.Remember(item.Id, item.Quantity);
        if (before is not { } known)
        {
            await PublishAsync(EventNames.RemovedFromCart, item, WholeLine);
            await PublishAsync(EventNames.AddedToCart, item, item.Quantity);
        }
        else if (item.Quantity > known)
            await PublishAsync(EventNames.AddedToCart, item, item.Quantity - known);
        else if (item.Quantity < known)
            await PublishAsync(EventNames.RemovedFromCart, item, known - item.Quantity);
    }

    public Task HandleEventAsync(EntityDeletedEvent<ShoppingCartItem> eventMessage)
    {
        quantities.Forget(eventMessage.Entity.Id);
        return PublishAsync(EventNames.RemovedFromCart, eventMessage.Entity, eventMessage.Entity.Quantity);
    }

    private async Task PublishAsync(string name, ShoppingCartItem item, int quantity)
    {
        if (item.ShoppingCartType != ShoppingCartType.ShoppingCart || await products.GetProductByIdAsync(item.ProductId) is not { } product)
            return;
        var category = await CatalogFacts.CategoryOfAsync(categories, product.Id);
        await events.PublishAsync(name, await customers.GetCustomerByIdAsync(item.CustomerId), CatalogFacts.Line(product, category, quantity));
    }
}
