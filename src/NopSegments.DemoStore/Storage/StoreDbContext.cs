using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Cart;
using NopSegments.DemoStore.Catalog;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Discounts;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Orders;

namespace NopSegments.DemoStore.Storage;

/// <summary>The store's own tables (prefix <c>store_</c>); the module never reads them.</summary>
internal sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Discount> Discounts => Set<Discount>();
    public DbSet<QueuedEmail> Emails => Set<QueuedEmail>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(e =>
        {
            e.ToTable("store_categories");
            e.HasIndex(x => x.Slug).IsUnique();
        });
        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("store_products");
            e.HasIndex(x => x.Sku).IsUnique();
            e.HasIndex(x => new { x.CategoryId, x.Popularity });
            e.Property(x => x.Price).HasPrecision(18, 2);
        });
        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("store_customers");
            e.HasIndex(x => x.Email);
        });
        modelBuilder.Entity<Order>(e =>
        {
            e.ToTable("store_orders");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.CustomerId);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
            e.Property(x => x.Subtotal).HasPrecision(18, 2);
            e.Property(x => x.DiscountAmount).HasPrecision(18, 2);
            e.Property(x => x.Total).HasPrecision(18, 2);
        });
        modelBuilder.Entity<OrderLine>(e =>
        {
            e.ToTable("store_order_lines");
            e.Property(x => x.UnitPrice).HasPrecision(18, 3);
        });
        modelBuilder.Entity<Refund>(e =>
        {
            e.ToTable("store_refunds");
            e.HasIndex(x => x.CustomerId);
            e.Property(x => x.Amount).HasPrecision(18, 2);
        });
        modelBuilder.Entity<ShoppingCart>(e =>
        {
            e.ToTable("store_carts");
            e.HasIndex(x => x.OwnerKey).IsUnique();
            e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CartId);
        });
        modelBuilder.Entity<CartItem>(e => e.ToTable("store_cart_items"));
        modelBuilder.Entity<Discount>(e =>
        {
            e.ToTable("store_discounts");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Percent).HasPrecision(5, 2);
        });
        modelBuilder.Entity<QueuedEmail>(e =>
        {
            e.ToTable("store_emails");
            e.Property(x => x.Status).HasMaxLength(16);
            // The delivery loop reads the queued messages that are due.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
    }
}
