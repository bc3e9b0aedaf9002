using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Discounts;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Seeding;

/// <summary>Fills a new store from the real retailer's year, once: a seeded store is left alone.</summary>
internal sealed class StoreSeeder(
    StoreDatabase database, IOptions<SeedOptions> options, IPasswordHasher<Customer> passwords, ILogger<StoreSeeder> logger)
{
    public async Task SeedAsync(StoreDbContext db, CancellationToken cancellationToken)
    {
        await StoreSchema.EnsureCreatedAsync(db, database.Provider, cancellationToken);
        if (await db.Products.AnyAsync(cancellationToken))
            return;

        var clock = Stopwatch.StartNew();
        var file = options.Value.File;
        if (!File.Exists(file))
            throw new FileNotFoundException($"The seed file is missing: {file}", file);
        var plan = SeedPlan.Build(RetailFile.Read(file, options.Value.MaxRows));
        AddDemoAccounts(plan);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            await SeedWriter.WriteAsync(connection, tx, plan, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        if (database.Provider == DatabaseProvider.PostgreSql)
            await SeedWriter.AdvancePostgresIdentitiesAsync(connection, cancellationToken);
        await connection.CloseAsync();

        db.Discounts.AddRange(
            new Discount { Code = "WELCOME10", Percent = 10 },
            new Discount { Code = "VIP15", Percent = 15 });
        await db.SaveChangesAsync(cancellationToken);

        var seconds = clock.Elapsed.TotalSeconds;
        logger.LogInformation(
            "Seeded {Products} products, {Customers} customers, {Orders} orders and {Refunds} refunds in {Seconds:0.0} s ({Skipped} lines without a customer skipped)",
            plan.Products.Count, plan.Customers.Count, plan.Orders.Count, plan.Refunds.Count,
            seconds, plan.SkippedRowsWithoutCustomer);
    }

    private void AddDemoAccounts(SeedPlan plan)
    {
        // The demo shopper is the customer of the retailer's first invoice, so they have a real history.
        var shopper = plan.Orders.Count == 0 ? null : plan.Customers.First(c => c.Id == plan.Orders[0].CustomerId);
        if (shopper is not null)
        {
            shopper.Email = DemoAccounts.ShopperEmail;
            shopper.FirstName = "Sam";
            shopper.LastName = "Shopper";
            shopper.PasswordHash = passwords.HashPassword(shopper, DemoAccounts.ShopperPassword);
            foreach (var order in plan.Orders.Where(o => o.CustomerId == shopper.Id))
                order.Email = shopper.Email;
        }
        var admin = new Customer
        {
            Id = plan.Customers.Count == 0 ? 1 : plan.Customers.Max(c => c.Id) + 1,
            Email = DemoAccounts.AdminEmail,
            FirstName = "Store",
            LastName = "Owner",
            IsRegistered = true,
            Roles = $"{Customer.RegisteredRole},{Customer.AdministratorsRole}",
            CreatedAt = DateTime.UtcNow,
        };
        admin.PasswordHash = passwords.HashPassword(admin, DemoAccounts.AdminPassword);
        plan.Customers.Add(admin);
    }
}
