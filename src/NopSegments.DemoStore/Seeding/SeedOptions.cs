namespace NopSegments.DemoStore.Seeding;

/// <summary>Configuration section "Seed".</summary>
internal sealed class SeedOptions
{
    /// <summary>The retailer's file; the copy shipped with the store by default.</summary>
    public string File { get; set; } = Path.Combine(AppContext.BaseDirectory, "SeedData", "online-retail.csv.gz");

    /// <summary>Read only the first N lines (tests use a slice of the year).</summary>
    public int? MaxRows { get; set; }
}
