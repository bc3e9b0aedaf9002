using Microsoft.EntityFrameworkCore.Design;

namespace NopSegments.Data;

// dotnet-ef builds the context through this to generate its migrations; the connection is never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSegmentsDbContext>
{
    public SqliteSegmentsDbContext CreateDbContext(string[] args) =>
        (SqliteSegmentsDbContext)new SegmentsDbContextFactory(DatabaseProvider.Sqlite, "Data Source=design.db").Create();
}
