using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using NopSegments.Data;
using NopSegments.Tracking;

namespace NopSegments.Cli.Bench;

/// <summary>
/// The ceiling to compare against: the same rows bulk-inserted into a bare table (no indexes, no
/// profiles) by the provider's fastest path: prepared inserts in one transaction per batch on SQLite,
/// binary COPY on PostgreSQL.
/// </summary>
internal static class RawInsert
{
    private const string Table = "nopsegments_bench_raw";
    private const string Columns = "event_id, name, visitor_id, customer_id, session_id, occurred_at, properties";
    private static readonly string[] Parameters = ["@a", "@b", "@c", "@d", "@e", "@f", "@g"];

    public static async Task RunAsync(SegmentsDbContextFactory contexts, IReadOnlyList<StoreEvent> events, int batchSize, CancellationToken ct)
    {
        await using var connection = Open(contexts);
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Table}", ct);
        await ExecuteAsync(connection, $"CREATE TABLE {Table} (event_id text, name text, visitor_id text, customer_id text, session_id text, occurred_at {(contexts.Provider == DatabaseProvider.Sqlite ? "text" : "timestamptz")}, properties text)", ct);
        foreach (var batch in events.Chunk(batchSize))
        {
            if (connection is NpgsqlConnection npgsql)
                await CopyAsync(npgsql, batch, ct);
            else
                Insert((SqliteConnection)connection, batch);
        }
        await ExecuteAsync(connection, $"DROP TABLE {Table}", ct);
    }

    private static void Insert(SqliteConnection connection, StoreEvent[] batch)
    {
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {Table} ({Columns}) VALUES (@a, @b, @c, @d, @e, @f, @g)";
        var p = Parameters.Select(n => command.Parameters.Add(new SqliteParameter(n, DBNull.Value))).ToArray();
        command.Prepare();
        foreach (var e in batch)
        {
            p[0].Value = e.EventId.ToString();
            p[1].Value = e.Name;
            p[2].Value = e.VisitorId;
            p[3].Value = (object?)e.CustomerId ?? DBNull.Value;
            p[4].Value = (object?)e.SessionId ?? DBNull.Value;
            p[5].Value = e.OccurredAt.UtcDateTime;
            p[6].Value = System.Text.Json.JsonSerializer.Serialize(e.Properties);
            command.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, StoreEvent[] batch, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {Table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in batch)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.EventId.ToString(), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Name, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.VisitorId, NpgsqlDbType.Text, ct);
            await (e.CustomerId is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(e.CustomerId, NpgsqlDbType.Text, ct));
            await (e.SessionId is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(e.SessionId, NpgsqlDbType.Text, ct));
            await copy.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(System.Text.Json.JsonSerializer.Serialize(e.Properties), NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static DbConnection Open(SegmentsDbContextFactory contexts)
    {
        DbConnection connection = contexts.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(contexts.ConnectionString) : new NpgsqlConnection(contexts.ConnectionString);
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
