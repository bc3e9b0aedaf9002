using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Settings;
using NopSegments.Data.Tracking;

namespace NopSegments.Data;

/// <summary>
/// The module's own tables, all under the <c>nopsegments_</c> prefix. One subclass per provider
/// carries that provider's migrations.
/// </summary>
internal abstract class SegmentsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string TablePrefix = "nopsegments_";
    public const string MigrationsHistoryTable = TablePrefix + "migrations";

    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<ModuleSetting> Settings => Set<ModuleSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable(TablePrefix + "events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(64);
            e.Property(x => x.VisitorId).HasColumnName("visitor_id").HasMaxLength(64);
            e.Property(x => x.CustomerId).HasColumnName("customer_id").HasMaxLength(64);
            e.Property(x => x.SessionId).HasColumnName("session_id").HasMaxLength(64);
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.Properties).HasColumnName("properties");
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ix_nopsegments_events_event_id");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_nopsegments_events_occurred_at");
            e.HasIndex(x => new { x.VisitorId, x.OccurredAt }).HasDatabaseName("ix_nopsegments_events_visitor");
        });
        modelBuilder.Entity<ModuleSetting>(e =>
        {
            e.ToTable(TablePrefix + "settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(128);
            e.Property(x => x.Value).HasColumnName("value").HasMaxLength(4000);
        });
    }
}
