namespace NopSegments.DemoStore.Orders;

/// <summary>A cancellation invoice of the seeded history (a "C" invoice number).</summary>
internal sealed class Refund
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public int CustomerId { get; set; }
    public DateTime RefundedAt { get; set; }
    public decimal Amount { get; set; }
}
