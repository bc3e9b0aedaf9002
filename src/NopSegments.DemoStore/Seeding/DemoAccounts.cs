namespace NopSegments.DemoStore.Seeding;

/// <summary>The accounts a fresh demo store has, printed at startup.</summary>
internal static class DemoAccounts
{
    public const string AdminEmail = "admin@demo.store";
    public const string AdminPassword = "demo-admin";
    public const string ShopperEmail = "shopper@demo.store";
    public const string ShopperPassword = "demo-shopper";
}
