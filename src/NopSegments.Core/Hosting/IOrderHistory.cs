namespace NopSegments.Hosting;

/// <summary>
/// The host's past orders and refunds, read once when the module is installed so profiles, RFM and
/// segments mean something from the first day. Optional: without it the module starts empty.
/// </summary>
public interface IOrderHistory
{
    /// <summary>Every order and refund, oldest first.</summary>
    IAsyncEnumerable<HistoricalOrder> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>A past order (or refund, when <see cref="IsRefund"/>) of a known customer.</summary>
public sealed record HistoricalOrder(
    string OrderId, string CustomerId, DateTimeOffset At, decimal Value, string Currency, string? DiscountCode, string? Country,
    IReadOnlyList<HistoricalOrderLine> Lines, bool IsRefund = false);

/// <summary>One line of a past order.</summary>
public sealed record HistoricalOrderLine(string Sku, string ProductName, string? Category, decimal Price, int Quantity);
