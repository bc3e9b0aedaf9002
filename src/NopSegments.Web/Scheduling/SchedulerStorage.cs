using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using NopSegments.Data;
using NopSegments.Data.Ingestion;

namespace NopSegments.Web.Scheduling;

/// <summary>
/// Where the scheduler keeps its jobs: on the shop's database server in a schema of its own (PostgreSQL, SQL Server), so
/// web nodes share one schedule and its locks; in memory on the embedded SQLite default (one process; the module's own
/// tables hold what is due, so a restart loses nothing).
/// </summary>
internal static class SchedulerStorage
{
    public static JobStorage Create(DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                var postgres = new PostgreSqlStorageOptions { SchemaName = SqlDialect.SchedulerSchema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, postgres), postgres);
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(connectionString, new SqlServerStorageOptions { SchemaName = SqlDialect.SchedulerSchema, PrepareSchemaIfNecessary = true });
            default:
                return new InMemoryStorage();
        }
    }
}
