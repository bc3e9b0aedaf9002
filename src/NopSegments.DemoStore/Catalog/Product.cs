namespace NopSegments.DemoStore.Catalog;

internal sealed class Product
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public decimal Price { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }

    /// <summary>Order lines in the seeded history: the store's "best sellers" order.</summary>
    public int Popularity { get; set; }
}
