namespace NopSegments.DemoStore.Orders;

internal sealed class Order
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public int CustomerId { get; set; }
    public string? Email { get; set; }
    public DateTime PlacedAt { get; set; }
    public decimal Subtotal { get; set; }
    public decimal DiscountAmount { get; set; }
    public decimal Total { get; set; }
    public string? DiscountCode { get; set; }
    public required string Country { get; set; }
    public string Currency { get; set; } = "GBP";
    public List<OrderLine> Lines { get; set; } = [];
}
