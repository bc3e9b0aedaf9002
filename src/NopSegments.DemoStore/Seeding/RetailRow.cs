namespace NopSegments.DemoStore.Seeding;

/// <summary>One order line of the UCI Online Retail file.</summary>
internal readonly record struct RetailRow(
    string InvoiceNo, string StockCode, string Description, int Quantity, DateTime InvoiceDate,
    decimal UnitPrice, int? CustomerId, string Country)
{
    public bool IsCancellation => InvoiceNo.StartsWith('C');

    /// <summary>Real products have numeric stock codes; POST, DOT, M, BANK CHARGES and the like are not goods.</summary>
    public bool IsProduct => StockCode.Length > 0 && char.IsAsciiDigit(StockCode[0]);
}
