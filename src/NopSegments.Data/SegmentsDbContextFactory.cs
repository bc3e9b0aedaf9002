using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data;

/// <summary>Opens the module's DbContext for the configured provider and connection.</summary>
internal sealed class SegmentsDbContextFactory(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    public string ConnectionString => connectionString;

    public SegmentsDbContext Create() => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteSegmentsDbContext(
            new DbContextOptionsBuilder<SqliteSegmentsDbContext>()
                .UseSqlite(connectionString, o => o.MigrationsHistoryTable(SegmentsDbContext.MigrationsHistoryTable))
                .Options),
        DatabaseProvider.PostgreSql => new PostgresSegmentsDbContext(
            new DbContextOptionsBuilder<PostgresSegmentsDbContext>()
                .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(SegmentsDbContext.MigrationsHistoryTable))
                .Options),
        DatabaseProvider.SqlServer => new SqlServerSegmentsDbContext(
            new DbContextOptionsBuilder<SqlServerSegmentsDbContext>()
                .UseSqlServer(connectionString, o => o.MigrationsHistoryTable(SegmentsDbContext.MigrationsHistoryTable))
                .Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
    };
}
