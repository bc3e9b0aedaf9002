using System.Data.Common;

namespace NopSegments.DemoStore.Seeding;

/// <summary>Writes a <see cref="SeedPlan"/> table by table.</summary>
internal static class SeedWriter
{
    public static async Task WriteAsync(DbConnection c, DbTransaction tx, SeedPlan plan, CancellationToken ct)
    {
        await TableWriter.InsertAsync(c, tx, "store_categories", ["Id", "Name", "Slug", "DisplayOrder"], plan.Categories,
            x => [x.Id, x.Name, x.Slug, x.DisplayOrder], ct);
        await TableWriter.InsertAsync(c, tx, "store_products", ["Id", "Sku", "Name", "Price", "CategoryId", "Popularity"], plan.Products,
            x => [x.Id, x.Sku, x.Name, x.Price, x.CategoryId, x.Popularity], ct);
        await TableWriter.InsertAsync(c, tx, "store_customers",
            ["Id", "Email", "PasswordHash", "FirstName", "LastName", "Country", "IsRegistered", "AcceptsMarketing", "Roles", "CreatedAt"],
            plan.Customers,
            x => [x.Id, x.Email, x.PasswordHash, x.FirstName, x.LastName, x.Country, x.IsRegistered, x.AcceptsMarketing, x.Roles, x.CreatedAt], ct);
        await TableWriter.InsertAsync(c, tx, "store_orders",
            ["Id", "Number", "CustomerId", "Email", "PlacedAt", "Subtotal", "DiscountAmount", "Total", "Country", "Currency"],
            plan.Orders,
            x => [x.Id, x.Number, x.CustomerId, x.Email, x.PlacedAt, x.Subtotal, x.DiscountAmount, x.Total, x.Country, x.Currency], ct);
        await TableWriter.InsertAsync(c, tx, "store_order_lines", ["OrderId", "Sku", "ProductName", "UnitPrice", "Quantity"],
            plan.Orders.SelectMany(o => o.Lines.Select(l => (o.Id, l))),
            x => [x.Id, x.l.Sku, x.l.ProductName, x.l.UnitPrice, x.l.Quantity], ct);
        await TableWriter.InsertAsync(c, tx, "store_refunds", ["Id", "Number", "CustomerId", "RefundedAt", "Amount"], plan.Refunds,
            x => [x.Id, x.Number, x.CustomerId, x.RefundedAt, x.Amount], ct);
    }

    /// <summary>Explicit ids do not move PostgreSQL's identity sequences; new rows would collide without this.</summary>
    public static async Task AdvancePostgresIdentitiesAsync(DbConnection connection, CancellationToken ct)
    {
        foreach (var table in new[] { "store_categories", "store_products", "store_customers", "store_orders", "store_refunds" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST(COALESCE((SELECT MAX(\"Id\") FROM \"{table}\"), 0), 1))";
            await command.ExecuteScalarAsync(ct);
        }
    }
}
