namespace NopSegments.DemoStore.Cart;

internal sealed record CartView(IReadOnlyList<CartLineView> Lines, string? DiscountCode, decimal DiscountPercent)
{
    public static CartView Empty { get; } = new([], null, 0);

    public decimal Subtotal => Lines.Sum(l => l.LineTotal);
    public decimal DiscountAmount => Math.Round(Subtotal * DiscountPercent / 100m, 2, MidpointRounding.AwayFromZero);
    public decimal Total => Subtotal - DiscountAmount;
    public int ItemCount => Lines.Sum(l => l.Quantity);
    public bool IsEmpty => Lines.Count == 0;
}

internal sealed record CartLineView(string Sku, string Name, string Category, decimal UnitPrice, int Quantity)
{
    public decimal LineTotal => UnitPrice * Quantity;
}
