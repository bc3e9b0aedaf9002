namespace NopSegments.DemoStore.Discounts;

internal sealed class Discount
{
    public int Id { get; set; }

    /// <summary>Upper case; shoppers may type it in any case.</summary>
    public required string Code { get; set; }
    public decimal Percent { get; set; }
    public bool SingleUse { get; set; }
    public int TimesUsed { get; set; }
    public DateTime? ValidUntil { get; set; }

    public bool IsUsableAt(DateTime now) => (ValidUntil is null || now < ValidUntil) && !(SingleUse && TimesUsed > 0);
}
