using Microsoft.Data.Sqlite;
using Npgsql;
using NopSegments.Data;

namespace NopSegments.Testing;

/// <summary>
/// A real, empty database for one test: a temporary SQLite file, or a new database on the
/// PostgreSQL server named by NOPSEGMENTS_TEST_POSTGRES (bash .ci/run starts one and sets it).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "NOPSEGMENTS_TEST_POSTGRES";

    private readonly string? postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    private static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable);

    /// <summary>Skips a PostgreSQL test on a developer machine without a server; in CI it must run.</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider) =>
        Skip.If(provider == DatabaseProvider.PostgreSql && PostgresServer is null
                && Environment.GetEnvironmentVariable("CI") != "true",
            $"PostgreSQL tests need {PostgresVariable}; `bash .ci/run` starts a server and sets it.");

    /// <summary>A new database with the module installed in it (skipped like <see cref="SkipUnlessAvailable"/>).</summary>
    public static async Task<TestDatabase> InstalledAsync(DatabaseProvider provider)
    {
        SkipUnlessAvailable(provider);
        var database = await CreateAsync(provider);
        await new Data.Lifecycle.ModuleLifecycle(new SegmentsDbContextFactory(provider, database.ConnectionString)).InstallAsync();
        return database;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "nopsegments-tests");
            Directory.CreateDirectory(folder);
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")}", null);
        }
        var server = PostgresServer ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set: run the tests with `bash .ci/run`, which starts PostgreSQL.");
        var name = "nopseg_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, name);
    }

    /// <summary>
    /// PostgreSQL only: refuses (false) or allows again every new connection to this database, and on refusing ends the
    /// ones open now — the database is away for the module as if its server had gone down.
    /// </summary>
    public async Task SetReachableAsync(bool reachable)
    {
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE {postgresName} WITH ALLOW_CONNECTIONS {(reachable ? "true" : "false")}", admin);
        await alter.ExecuteNonQueryAsync();
        if (reachable)
        {
            // The pools still hold the connections the server ended; the store's own pages would meet them first.
            NpgsqlConnection.ClearAllPools();
            return;
        }
        // Only client connections: an autovacuum worker in the database runs as a superuser this login may not end.
        await using var end = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND backend_type = 'client backend'", admin);
        end.Parameters.AddWithValue("name", postgresName!);
        await end.ExecuteNonQueryAsync();
    }

    /// <summary>The tables the database's own catalog lists (on PostgreSQL, in every schema; outside public as schema.table).</summary>
    public Task<IReadOnlySet<string>> TablesAsync() => NamesAsync(Provider == DatabaseProvider.Sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END FROM information_schema.tables " +
          "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");

    /// <summary>Indexes too: uninstall must leave none behind.</summary>
    public Task<IReadOnlySet<string>> IndexesAsync() => NamesAsync(Provider == DatabaseProvider.Sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'index'"
        : "SELECT CASE WHEN schemaname = 'public' THEN indexname ELSE schemaname || '.' || indexname END FROM pg_indexes " +
          "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlySet<string>> NamesAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    private async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        try
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // An autovacuum worker (a superuser's backend) was busy in the large test database: FORCE may not end it,
            // a plain DROP asks it to stop and waits for it. Our own connections are gone with the pools.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
