using Microsoft.EntityFrameworkCore.Design;

namespace NopSegments.Data;

// dotnet-ef builds each provider's context through these to generate its migrations; the
// connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSegmentsDbContext>
{
    public SqliteSegmentsDbContext CreateDbContext(string[] args) =>
        (SqliteSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.Sqlite, "Data Source=design.db").Create();
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSegmentsDbContext>
{
    public PostgresSegmentsDbContext CreateDbContext(string[] args) =>
        (PostgresSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.PostgreSql, "Host=localhost").Create();
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSegmentsDbContext>
{
    public SqlServerSegmentsDbContext CreateDbContext(string[] args) =>
        (SqlServerSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.SqlServer, "Server=localhost;Database=design").Create();
}
