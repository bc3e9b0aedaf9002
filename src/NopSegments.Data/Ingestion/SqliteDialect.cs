using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NopSegments.Data.Ingestion;

/// <summary>SQLite: prepared statements in one transaction (~250k rows/s here), lists as JSON arrays.</summary>
/// <param name="checkpointInterval">How often the WAL is copied back into the database.</param>
/// <param name="longWalPages">A WAL longer than this after a checkpoint is emptied by the writer itself.</param>
internal sealed class SqliteDialect(TimeSpan checkpointInterval, long longWalPages) : SqlDialect
{
    private Task<bool> checkpoint = Task.FromResult(false);
    private long lastCheckpoint;

    // Each checkpoint ends in an fsync of the database file: one a second is plenty, one per commit cost a busy store's
    // writer a fifth of its CPU. A store at full load writes ~10 MB of WAL a second; 64 MB (the size the WAL is cut back
    // to) means the checkpoints beside the writer have fallen behind.
    public SqliteDialect()
        : this(TimeSpan.FromSeconds(1), longWalPages: 16_384)
    {
    }

    // Busy, locked, I/O error, disk full, cannot open: the file's state, not the batch's content.
    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 };

    public override DbConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // A 64 MB page cache keeps the indexes' hot pages in memory; the default 2 MB thrashes. The WAL is copied back
        // into the database by a checkpoint on the other core after each commit (Committed), not inside the next commit;
        // a WAL that a burst made longer than 64 MB is cut back to that when it starts over.
        pragma.CommandText =
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; " +
            "PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";
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
        // The last checkpoint found a WAL it could not empty beside a writer that never paused; one on this connection,
        // between two batches, empties it, and the next batch starts the WAL over from its beginning. Without it the WAL
        // grew by every event stored (1 GB in two minutes of the endpoint benchmark). Only then: it holds up the writer.
        var catchUp = checkpoint is { IsCompletedSuccessfully: true, Result: true };
        using (var pragma = connection.CreateCommand())
        {
            // Pooled connections keep their pragmas: give this one back as every other connection expects it.
            pragma.CommandText = "PRAGMA wal_autocheckpoint=1000;" + (catchUp ? " PRAGMA wal_checkpoint(PASSIVE);" : "");
            pragma.ExecuteNonQuery();
        }
        if (catchUp)
        {
            checkpoint = Task.FromResult(false);
            lastCheckpoint = Stopwatch.GetTimestamp();
            return;
        }
        if (!checkpoint.IsCompleted || Stopwatch.GetElapsedTime(lastCheckpoint) < checkpointInterval)
            return;
        lastCheckpoint = Stopwatch.GetTimestamp();
        checkpoint = Task.Run(() => CheckpointFindsLongWal(connectionString));
    }

    /// <summary>Copies the WAL back into the database on a connection of its own, beside the writer.</summary>
    private bool CheckpointFindsLongWal(string connectionString)
    {
        try
        {
            using var own = new SqliteConnection(connectionString);
            own.Open();
            using var command = own.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var result = command.ExecuteReader();
            // busy, pages in the WAL, pages copied back
            return result.Read() && result.GetInt64(1) > longWalPages;
        }
        catch (SqliteException)
        {
            // A checkpoint that cannot run now (database busy) runs after the next commit; nothing is lost.
            return false;
        }
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
