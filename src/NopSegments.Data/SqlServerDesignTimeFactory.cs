using Microsoft.EntityFrameworkCore.Design;

namespace NopSegments.Data;

// dotnet-ef builds the context through this to generate its migrations; the connection is never opened.
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSegmentsDbContext>
{
    public SqlServerSegmentsDbContext CreateDbContext(string[] args) =>
        (SqlServerSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.SqlServer, "Server=localhost;Database=design").Create();
}
