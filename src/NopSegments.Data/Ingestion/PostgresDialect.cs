using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace NopSegments.Data.Ingestion;

/// <summary>PostgreSQL: binary COPY for events and profile updates; lists as arrays.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private const int BatchSize = 1000;

    public override string? DropSchedulerStorage => $"DROP SCHEMA IF EXISTS {SchedulerSchema} CASCADE";

    private static readonly ConcurrentDictionary<string, string> AutoPrepared = new(StringComparer.Ordinal);

    public override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    public override DbConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(AutoPrepared.GetOrAdd(connectionString, WithAutoPrepare));
        connection.Open();
        return connection;
    }

    // The writer and the segment re-evaluation send the same few statements thousands of times; prepared once per
    // pooled connection, PostgreSQL stops parsing and planning each (per-event membership p50 2.7 -> 1.9 ms). A shop's
    // connection string that sets its own limit keeps it.
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    public override void Configure(StatementQueue queue, BatchCommit commit)
    {
        // This transaction only: the shop's other writes keep the server's setting. Generic plans for the whole
        // transaction (plan_cache_mode) were tried: PostgreSQL then scanned for "= ANY(@list)", 0.05 -> 0.8 ms a lookup.
        if (commit == BatchCommit.Buffered)
            queue.Add("SET LOCAL synchronous_commit TO OFF");
    }

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override KeyList Keys(string column, string parameter, IReadOnlyCollection<string> values) => KeysOf(column, parameter, values);

    public override KeyList Keys(string column, string parameter, IReadOnlyCollection<long> values) => KeysOf(column, parameter, values);

    // One key (every one-event batch) is "= @key": a prepared statement whose estimate does not hang on a list's length
    // gets a generic plan after five runs, and a lookup then binds without being planned again (0.2-0.4 ms a statement
    // here). With a list PostgreSQL kept planning each execution.
    private KeyList KeysOf<T>(string column, string parameter, IReadOnlyCollection<T> values) where T : notnull
    {
        if (values.Count == 1)
        {
            var key = values.First();
            return new($"{column} = {parameter}", c => Add(c, parameter, key));
        }
        return new(Among(column, parameter, values.Count), c => Add(c, parameter, values.ToArray()));
    }

    // A long list is not "= ANY(@list)": once a statement is prepared, PostgreSQL plans it for a list of unknown length,
    // and on a small table it scans every row comparing it to each element in turn (a 4,000-visitor batch: 379 ms). As
    // a semi-join the list is hashed, or each element probes the index when the table is large (3.9 ms). A short list
    // stays with ANY, an index condition: as a semi-join, a one-event batch's lookups scanned the table.
    private string Among(string column, string parameter, int length) =>
        length > 32 ? $"{column} IN (SELECT unnest({parameter}))" : InList(column, parameter);

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<long> values) =>
        Add(command, name, values.ToArray());

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values) =>
        Add(command, name, values.ToArray());

    public override object EventId(Guid id) => id;

    public override bool ReadsMembershipAhead => true;

    public override DateTime AsStored(DateTimeOffset time) => PostgresEventInsert.Microseconds(time);

    // For the membership's events read: with a time range and a list of names PostgreSQL judged its own plan for each
    // execution cheaper than the shared one and planned the statement again on every event (0.38 ms of its 0.42 ms;
    // the shared plan is the same index scan). For this statement only: the writer's other lookups need their own plans.
    public override string PlannedOnce(string statement) =>
        $"SET LOCAL plan_cache_mode = force_generic_plan; {statement}; SET LOCAL plan_cache_mode TO DEFAULT";

    public override string JsonText(string column, string property) => $"({column}::jsonb ->> '{property}')";

    public override string JsonNumber(string column, string property) =>
        $"(CASE WHEN jsonb_typeof({column}::jsonb -> '{property}') = 'number' THEN ({column}::jsonb ->> '{property}')::numeric END)";

    public override string ContainsIgnoringCase(string haystack, string needle) => $"strpos(lower({haystack}), lower({needle})) > 0";

    public override Task<HashSet<Guid>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct) =>
        PostgresEventInsert.RunAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, rows, recordedAt, ct);

    public override async Task<Queue<long>> ReserveProfileIdsAsync(DbConnection connection, DbTransaction transaction, int count, CancellationToken ct)
    {
        var ids = new Queue<long>(count);
        if (count == 0)
            return ids;
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('nopsegments_profiles', 'id')) FROM generate_series(1, @count)",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Enqueue(reader.GetInt64(0));
        return ids;
    }

    private const int StagingFrom = 64;

    public override async Task ExecuteForEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, string[] parameters, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            foreach (var row in chunk)
            {
                var command = new NpgsqlBatchCommand(sql);
                for (var i = 0; i < parameters.Length; i++)
                    command.Parameters.Add(new NpgsqlParameter(parameters[i].TrimStart('@'), row[i] ?? DBNull.Value));
                batch.BatchCommands.Add(command);
            }
            // Prepared once, the same statement a thousand times is parsed and planned once: 3-4× faster here.
            await batch.PrepareAsync(ct);
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Binary COPY: a segment saved with a hundred thousand members writes them (and their checks) in a blink.</summary>
    public override async Task InsertRowsAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var copy = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var value in row)
            {
                if (value is null)
                    await copy.WriteNullAsync(ct);
                else
                    await copy.WriteAsync(value, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Many rows: one UPDATE … FROM a staging table filled by binary COPY, instead of a statement per row. A few rows
    /// (a live store's small batches, durable mode's one event): an UPDATE per row, queued to ride with the next round
    /// trip, since the staging path's three round trips and join cost ~4 ms for a single profile.
    /// </summary>
    public override async Task UpdateRowsAsync(
        StatementQueue queue, string table, string key, string[] columns, DbType[] nullTypes, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count < StagingFrom)
        {
            await base.UpdateRowsAsync(queue, table, key, columns, nullTypes, rows, ct);
            return;
        }
        await queue.FlushAsync(ct);
        var npgsql = (NpgsqlConnection)queue.Connection;
        var transaction = queue.Transaction;
        var staging = table + "_in";
        var all = columns.Append(key).ToArray();
        // Same column types, none of the target's NOT NULL constraints (those rows only carry some columns).
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS AS SELECT {string.Join(", ", all)} FROM {table} WITH NO DATA",
            npgsql, (NpgsqlTransaction)transaction))
            await create.ExecuteNonQueryAsync(ct);
        var types = all.Select((_, i) => TypeOf(rows.Select(r => r[i]).FirstOrDefault(v => v is not null))).ToArray();
        await using (var copy = await npgsql.BeginBinaryImportAsync($"COPY {staging} ({string.Join(", ", all)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                        await copy.WriteNullAsync(ct);
                    else
                        await copy.WriteAsync(row[i]!, types[i], ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using var update = new NpgsqlCommand(
            $"UPDATE {table} AS t SET {string.Join(", ", columns.Select(c => $"{c} = s.{c}"))} FROM {staging} AS s WHERE t.{key} = s.{key}",
            npgsql, (NpgsqlTransaction)transaction);
        await update.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlDbType TypeOf(object? sample) => sample switch
    {
        DateTime => NpgsqlDbType.TimestampTz,
        int => NpgsqlDbType.Integer,
        long => NpgsqlDbType.Bigint,
        double => NpgsqlDbType.Double,
        _ => NpgsqlDbType.Text,
    };

    private static NpgsqlParameter Add(DbCommand command, string name, object value)
    {
        var parameter = new NpgsqlParameter(name.TrimStart('@'), value);
        command.Parameters.Add(parameter);
        return parameter;
    }
}
