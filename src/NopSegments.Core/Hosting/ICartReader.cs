namespace NopSegments.Hosting;

/// <summary>The shopper's current cart, for abandoned-cart emails with a restore link.</summary>
public interface ICartReader
{
    /// <summary>The cart of this customer (when known) or visitor; an empty cart when there is none.</summary>
    Task<CartSnapshot> GetCartAsync(string? customerId, string visitorId, CancellationToken cancellationToken = default);
}

/// <summary>A cart at one moment.</summary>
public sealed record CartSnapshot(IReadOnlyList<CartLine> Lines, Uri RestoreUrl)
{
    /// <summary>Sum of the lines.</summary>
    public decimal Total => Lines.Sum(l => l.UnitPrice * l.Quantity);
}

/// <summary>One cart line.</summary>
public sealed record CartLine(string Sku, string ProductName, decimal UnitPrice, int Quantity)
{
    /// <summary>The product's picture, for messages that show the line; null when the store has none.</summary>
    public Uri? ImageUrl { get; init; }
}
