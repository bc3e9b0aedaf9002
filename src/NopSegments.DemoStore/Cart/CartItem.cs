using NopSegments.DemoStore.Catalog;

namespace NopSegments.DemoStore.Cart;

internal sealed class CartItem
{
    public int Id { get; set; }
    public int CartId { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public int Quantity { get; set; }
}
