using System.Globalization;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Orders;

namespace NopSegments.DemoStore.Seeding;

/// <summary>
/// Turns the retailer's order lines into a catalog, customers, orders and refunds, with ids fixed
/// here so the whole plan is written in one pass. Deterministic: the same file gives the same store.
/// </summary>
internal sealed class SeedPlan
{
    public List<Category> Categories { get; } = [];
    public List<Product> Products { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<Refund> Refunds { get; } = [];
    public int SkippedRowsWithoutCustomer { get; private set; }

    public static SeedPlan Build(IReadOnlyList<RetailRow> rows)
    {
        var plan = new SeedPlan();
        plan.AddCatalog(rows);
        plan.AddCustomersAndOrders(rows);
        return plan;
    }

    private void AddCatalog(IReadOnlyList<RetailRow> rows)
    {
        // The latest sale of each product gives its name and price; file order is date order.
        var latest = new Dictionary<string, RetailRow>(StringComparer.Ordinal);
        var popularity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.IsProduct && !r.IsCancellation && r.Quantity > 0 && r.UnitPrice > 0 && r.Description.Length > 0))
        {
            latest[row.StockCode] = row;
            popularity[row.StockCode] = popularity.GetValueOrDefault(row.StockCode) + 1;
        }

        var byName = CategoryRules.Rules.Select(r => r.Category).Append(CategoryRules.Fallback)
            .Select((name, i) => new Category { Id = i + 1, Name = name, Slug = CategoryRules.Slug(name), DisplayOrder = i })
            .ToDictionary(c => c.Name);
        Categories.AddRange(byName.Values);

        var id = 0;
        foreach (var (sku, row) in latest.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Products.Add(new Product
            {
                Id = ++id,
                Sku = sku,
                Name = DisplayName(row.Description),
                Price = row.UnitPrice,
                CategoryId = byName[CategoryRules.Classify(row.Description)].Id,
                Popularity = popularity[sku],
            });
        }
    }

    private void AddCustomersAndOrders(IReadOnlyList<RetailRow> rows)
    {
        var customers = new Dictionary<int, Customer>();
        foreach (var invoice in rows.Where(r => r.CustomerId is not null).GroupBy(r => r.InvoiceNo))
        {
            var first = invoice.First();
            var customerId = first.CustomerId!.Value;
            var placedAt = invoice.Min(r => r.InvoiceDate);
            if (!customers.TryGetValue(customerId, out var customer))
            {
                customer = new Customer
                {
                    Id = customerId,
                    Email = $"customer{customerId}@example.com",
                    IsRegistered = true,
                    Roles = Customer.RegisteredRole,
                    CreatedAt = placedAt,
                };
                customers.Add(customerId, customer);
            }
            customer.Country = first.Country;

            if (first.IsCancellation)
            {
                Refunds.Add(new Refund
                {
                    Id = Refunds.Count + 1, Number = first.InvoiceNo, CustomerId = customerId, RefundedAt = placedAt,
                    Amount = invoice.Sum(r => Math.Abs(r.Quantity) * r.UnitPrice),
                });
                continue;
            }
            var order = new Order
            {
                Id = Orders.Count + 1, Number = first.InvoiceNo, CustomerId = customerId, Email = customer.Email,
                PlacedAt = placedAt, Country = first.Country,
                Lines = [.. invoice.Select(r => new OrderLine
                {
                    Sku = r.StockCode, ProductName = DisplayName(r.Description), UnitPrice = r.UnitPrice, Quantity = r.Quantity,
                })],
            };
            order.Subtotal = order.Total = order.Lines.Sum(l => l.Quantity * l.UnitPrice);
            Orders.Add(order);
        }
        SkippedRowsWithoutCustomer = rows.Count(r => r.CustomerId is null);
        Customers.AddRange(customers.Values.OrderBy(c => c.Id));
    }

    /// <summary>"WHITE HANGING HEART T-LIGHT HOLDER" reads better as "White Hanging Heart T-Light Holder".</summary>
    public static string DisplayName(string description) =>
        description.Length == 0 ? "Unnamed product" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(description.ToLowerInvariant());
}
