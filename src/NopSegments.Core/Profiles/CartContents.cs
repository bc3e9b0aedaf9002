namespace NopSegments.Profiles;

/// <summary>What is in a cart: added minus removed per SKU, emptied by an order.</summary>
internal sealed class CartContents
{
    private readonly Dictionary<string, (int Quantity, decimal Price)> lines = new(StringComparer.Ordinal);

    public int ItemCount => lines.Values.Sum(l => l.Quantity);

    public decimal Value => lines.Values.Sum(l => l.Quantity * l.Price);

    public void Add(string sku, int quantity, decimal? price)
    {
        var line = lines.GetValueOrDefault(sku);
        lines[sku] = (line.Quantity + quantity, price ?? line.Price);
    }

    /// <summary>Removing more than is there empties the line; it never goes negative.</summary>
    public void Remove(string sku, int quantity)
    {
        if (!lines.TryGetValue(sku, out var line))
            return;
        if (line.Quantity <= quantity)
            lines.Remove(sku);
        else
            lines[sku] = (line.Quantity - quantity, line.Price);
    }

    public void Clear() => lines.Clear();
}
