using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NopSegments.Data.Ingestion;

/// <summary>SQLite: prepared statements in one transaction (~250k rows/s here), lists as JSON arrays.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    // Each checkpoint ends in an fsync of the database file: one a second is plenty, one per commit cost a busy
    // store's writer a fifth of its CPU.
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);
    private Task checkpoint = Task.CompletedTask;
    private long lastCheckpoint;

    public override DbConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // A 64 MB page cache keeps the indexes' hot pages in memory; the default 2 MB thrashes. The WAL is copied back
        // into the database by a checkpoint on the other core after each commit (Committed), not inside the next commit.
        pragma.CommandText =
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<long> values) =>
        command.AddParameter(name, JsonSerializer.Serialize(values));

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values) =>
        command.AddParameter(name, JsonSerializer.Serialize(values));

    public override string JsonText(string column, string property) => $"json_extract({column}, '$.{property}')";

    public override string JsonNumber(string column, string property) =>
        $"(CASE WHEN json_type({column}, '$.{property}') IN ('integer', 'real') THEN json_extract({column}, '$.{property}') END)";

    public override string ContainsIgnoringCase(string haystack, string needle) => $"instr(lower({haystack}), lower({needle})) > 0";

    public override object EventId(Guid id) => id.ToString().ToUpperInvariant();

    public override Task<HashSet<Guid>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct)
    {
        // The statement runs on the connection that holds the transaction, so it is part of it.
        using var insert = new SqliteEventInsert((SqliteConnection)connection, recordedAt);
        var inserted = new HashSet<Guid>(rows.Count);
        insert.InsertAll(rows, inserted);
        return Task.FromResult(inserted);
    }

    public override async Task<Queue<long>> ReserveProfileIdsAsync(DbConnection connection, DbTransaction transaction, int count, CancellationToken ct)
    {
        // The write transaction holds SQLite's only write lock, so the ids after the highest ever used are ours.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'nopsegments_profiles'), 0), " +
            "COALESCE((SELECT MAX(id) FROM nopsegments_profiles), 0))";
        var highest = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return new Queue<long>(Enumerable.Range(1, count).Select(i => highest + i));
    }

    public override void Committed(DbConnection connection, string connectionString)
    {
        // Pooled connections keep their pragmas: give this one back as every other connection expects it.
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA wal_autocheckpoint=1000;";
            pragma.ExecuteNonQuery();
        }
        if (!checkpoint.IsCompleted || Stopwatch.GetElapsedTime(lastCheckpoint) < CheckpointInterval)
            return;
        lastCheckpoint = Stopwatch.GetTimestamp();
        checkpoint = Task.Run(() =>
        {
            try
            {
                using var own = new SqliteConnection(connectionString);
                own.Open();
                using var command = own.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // A checkpoint that cannot run now (database busy) runs after the next commit; nothing is lost.
            }
        });
    }

    public override Task ExecuteForEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, string[] parameters, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        // Prepared on the connection that holds the transaction, so it is part of it.
        using var statement = new SqliteStatement((SqliteConnection)connection, sql);
        var positions = Array.ConvertAll(parameters, statement.IndexOf);
        foreach (var row in rows)
        {
            for (var i = 0; i < positions.Length; i++)
                statement.Bind(positions[i], row[i]);
            statement.Execute();
        }
        return Task.CompletedTask;
    }
}
