namespace NopSegments.DemoStore.Cart;

/// <summary>One cart per owner: a customer (<c>c:42</c>) or an anonymous guest (<c>g:&lt;cookie&gt;</c>).</summary>
internal sealed class ShoppingCart
{
    public int Id { get; set; }
    public required string OwnerKey { get; set; }
    public string? DiscountCode { get; set; }
    public List<CartItem> Items { get; set; } = [];
}
