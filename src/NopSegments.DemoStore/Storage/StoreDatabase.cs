using Microsoft.EntityFrameworkCore;
using NopSegments.Data;

namespace NopSegments.DemoStore.Storage;

/// <summary>
/// Where the store keeps its data: an embedded SQLite file by default, or PostgreSQL with
/// <c>--provider postgres --connection "..."</c>. The module's tables go in the same database.
/// </summary>
internal sealed record StoreDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static StoreDatabase FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = (configuration["Provider"] ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.PostgreSql,
            var other => throw new InvalidOperationException(
                $"Unknown provider '{other}': the demo store runs on 'sqlite' (default) or 'postgres'."),
        };
        var connection = configuration["Connection"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException("--provider postgres needs --connection \"Host=...;Database=...;Username=...;Password=...\"");
            var folder = Path.Combine(environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(folder);
            connection = $"Data Source={Path.Combine(folder, "demostore.db")}";
        }
        return new StoreDatabase(provider, connection);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Sqlite)
            options.UseSqlite(ConnectionString);
        else
            options.UseNpgsql(ConnectionString);
    }
}
