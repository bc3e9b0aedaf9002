using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Settings;

namespace NopSegments.Data.Lifecycle;

/// <summary>
/// Install and uninstall mirror each other: install migrates the module's tables up and writes
/// default settings; uninstall migrates them all the way down and drops the bookkeeping tables,
/// so the database is left as it was found.
/// </summary>
internal sealed class ModuleLifecycle(SegmentsDbContextFactory contexts)
{
    // EF Core 9 creates this table on SQLite to serialize migrations; it is ours to remove once no
    // migration of ours remains, and EF recreates it whenever anyone migrates again.
    private const string SqliteMigrationsLockTable = "__EFMigrationsLock";

    public async Task<bool> IsInstalledAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return applied.Any();
    }

    /// <summary>Why the module cannot run on this database, or null when it can.</summary>
    public static string? Unsupported(DatabaseProvider provider) => provider is DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql ? null
        : $"NopSegments stores events on SQLite and PostgreSQL; {provider} is not supported yet, so installing would keep no event. " +
          "Nothing was installed.";

    public async Task InstallAsync(CancellationToken cancellationToken = default)
    {
        // Refused before the database is touched: an install that then drops every event is worse than none.
        if (Unsupported(contexts.Provider) is { } refusal)
            throw new NotSupportedException(refusal);
        await using var db = contexts.Create();
        await db.Database.MigrateAsync(cancellationToken);

        var existing = await db.Settings.Select(s => s.Key).ToListAsync(cancellationToken);
        foreach (var (key, value) in DefaultSettings.All.Where(d => !existing.Contains(d.Key)))
            db.Settings.Add(new ModuleSetting { Key = key, Value = value });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UninstallAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, cancellationToken);

        var sql = db.GetService<ISqlGenerationHelper>();
        await DropTableIfExistsAsync(db, sql.DelimitIdentifier(SegmentsDbContext.MigrationsHistoryTable), cancellationToken);
        if (contexts.Provider == DatabaseProvider.Sqlite)
            await DropTableIfExistsAsync(db, sql.DelimitIdentifier(SqliteMigrationsLockTable), cancellationToken);
        // The scheduler's jobs, locks and servers (Hangfire's schema), which the web host created at install.
        if (Unsupported(contexts.Provider) is null && SqlDialect.For(contexts.Provider).DropSchedulerStorage is { } dropScheduler)
            await db.Database.ExecuteSqlRawAsync(dropScheduler, cancellationToken);
    }

    private static async Task DropTableIfExistsAsync(DbContext db, string delimitedName, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // The name is a constant of ours, delimited by the provider's own helper.
        await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS {delimitedName}", cancellationToken);
#pragma warning restore EF1002
    }
}
