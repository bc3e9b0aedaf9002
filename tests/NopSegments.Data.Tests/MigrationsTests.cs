using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Tests;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=unused")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=unused")]
    public void Every_providers_migrations_match_the_model(DatabaseProvider provider, string connection)
    {
        // No server is contacted: this compares the model with the provider's migration snapshot, so a model
        // change without new migrations fails here even for SQL Server, which this machine cannot run.
        using var db = new SegmentsDbContextFactory(provider, connection).Create();

        Assert.False(db.Database.HasPendingModelChanges(), $"run dotnet ef migrations add for {provider}");
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.All(db.Model.GetEntityTypes(), t => Assert.StartsWith("nopsegments_", t.GetTableName(), StringComparison.Ordinal));
    }
}
