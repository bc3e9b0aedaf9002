using Microsoft.EntityFrameworkCore.Design;

namespace NopSegments.Data;

// dotnet-ef builds the context through this to generate its migrations; the connection is never opened.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSegmentsDbContext>
{
    public PostgresSegmentsDbContext CreateDbContext(string[] args) =>
        (PostgresSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.PostgreSql, "Host=localhost").Create();
}
