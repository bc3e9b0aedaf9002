using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NopSegments.Data;

namespace NopSegments.DemoStore.Storage;

/// <summary>
/// Creates the store's tables when they are missing. EnsureCreated would skip a database that
/// already holds other tables (the module's), so this asks the catalog for a store table instead.
/// </summary>
internal static class StoreSchema
{
    public static async Task EnsureCreatedAsync(StoreDbContext db, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
            await creator.CreateAsync(cancellationToken);
        if (provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        if (!(await TableNamesAsync(db.Database.GetDbConnection(), provider, cancellationToken)).Contains("store_products"))
            await creator.CreateTablesAsync(cancellationToken);
    }

    /// <summary>The user tables in the database, as its own catalog lists them.</summary>
    public static async Task<IReadOnlySet<string>> TableNamesAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var wasClosed = connection.State != System.Data.ConnectionState.Open;
        if (wasClosed)
            await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
            var names = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                names.Add(reader.GetString(0));
            return names;
        }
        finally
        {
            if (wasClosed)
                await connection.CloseAsync();
        }
    }
}
