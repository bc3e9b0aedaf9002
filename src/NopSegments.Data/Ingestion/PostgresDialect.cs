using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace NopSegments.Data.Ingestion;

/// <summary>PostgreSQL: binary COPY for events and profile updates; lists as arrays.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private const string Staging = "nopsegments_events_in";
    private const int BatchSize = 1000;
    private const string Columns = "event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, recorded_at, properties";

    private static readonly ConcurrentDictionary<string, string> AutoPrepared = new(StringComparer.Ordinal);

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

    public override DateTime AsStored(DateTimeOffset time) => Microseconds(time);

    // For the membership's events read: with a time range and a list of names PostgreSQL judged its own plan for each
    // execution cheaper than the shared one and planned the statement again on every event (0.38 ms of its 0.42 ms;
    // the shared plan is the same index scan). For this statement only: the writer's other lookups need their own plans.
    public override string PlannedOnce(string statement) =>
        $"SET LOCAL plan_cache_mode = force_generic_plan; {statement}; SET LOCAL plan_cache_mode TO DEFAULT";

    public override string JsonText(string column, string property) => $"({column}::jsonb ->> '{property}')";

    public override string JsonNumber(string column, string property) =>
        $"(CASE WHEN jsonb_typeof({column}::jsonb -> '{property}') = 'number' THEN ({column}::jsonb ->> '{property}')::numeric END)";

    public override string ContainsIgnoringCase(string haystack, string needle) => $"strpos(lower({haystack}), lower({needle})) > 0";

    /// <summary>
    /// Optimistic: the ids the table already has are looked up first and the rest is COPied straight into the events
    /// table. Only when another writer stored one of them in between does the batch go through a staging table and
    /// INSERT … ON CONFLICT, which costs twice as much.
    /// </summary>
    public override async Task<HashSet<Guid>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        var tx = (NpgsqlTransaction)transaction;
        var stored = await StoredAmongAsync(npgsql, tx, rows, ct);
        var fresh = rows.Where(r => !stored.Contains(r.Event.EventId)).ToList();
        await tx.SaveAsync("copy_events", ct);
        try
        {
            await CopyAsync(npgsql, "nopsegments_events", fresh, recordedAt, ct);
            await tx.ReleaseAsync("copy_events", ct);
            return [.. fresh.Select(r => r.Event.EventId)];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync("copy_events", ct);
            return await InsertThroughStagingAsync(npgsql, tx, fresh, recordedAt, ct);
        }
    }

    private static async Task<HashSet<Guid>> StoredAmongAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        var (from, to) = SpanOf(rows);
        // The batch's time span usually holds few stored events (live batches are recent, history arrives in order):
        // read the span's keys and match them here, which costs one index range read. Only when the span holds more
        // than the batch could match — history imported into a store that already has years of events — does the
        // server probe the key once per event (scanning such a span had made each batch slower than the last).
        var most = 2 * rows.Count + 100;
        var span = new HashSet<(DateTime, Guid)>();
        await using (var command = new NpgsqlCommand(
            "SELECT occurred_at, event_id FROM nopsegments_events WHERE occurred_at BETWEEN @from AND @to LIMIT @most", connection, tx))
        {
            command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from);
            command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to);
            command.Parameters.AddWithValue("most", most);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                span.Add((reader.GetDateTime(0), reader.GetGuid(1)));
        }
        if (span.Count < most)
            return [.. rows.Where(r => span.Contains((Microseconds(r.Event.OccurredAt), r.Event.EventId))).Select(r => r.Event.EventId)];

        await using var probe = new NpgsqlCommand(
            "SELECT e.event_id FROM nopsegments_events e JOIN unnest(@times, @ids) AS k(at, id) ON e.occurred_at = k.at AND e.event_id = k.id " +
            "WHERE e.occurred_at BETWEEN @from AND @to", connection, tx);
        probe.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from);
        probe.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to);
        probe.Parameters.AddWithValue("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.Event.OccurredAt.UtcDateTime).ToArray());
        probe.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, rows.Select(r => r.Event.EventId).ToArray());
        var stored = new HashSet<Guid>();
        await using var found = await probe.ExecuteReaderAsync(ct);
        while (await found.ReadAsync(ct))
            stored.Add(found.GetGuid(0));
        return stored;
    }

    // One pass over the rows' times: LINQ's Min and Max over DateTimeOffset took ~9 ms a 20,000-event batch.
    private static (DateTime From, DateTime To) SpanOf(IReadOnlyList<EventRow> rows)
    {
        var from = long.MaxValue;
        var to = long.MinValue;
        for (var i = 0; i < rows.Count; i++)
        {
            var ticks = rows[i].Event.OccurredAt.UtcTicks;
            from = Math.Min(from, ticks);
            to = Math.Max(to, ticks);
        }
        return (new DateTime(from, DateTimeKind.Utc), new DateTime(to, DateTimeKind.Utc));
    }

    // PostgreSQL keeps microseconds; the sent time loses its last tick digit the same way.
    private static DateTime Microseconds(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    private static async Task<HashSet<Guid>> InsertThroughStagingAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {Staging} (LIKE nopsegments_events) ON COMMIT DELETE ROWS", connection, tx))
            await create.ExecuteNonQueryAsync(ct);
        await CopyAsync(connection, Staging, rows, recordedAt, ct);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO nopsegments_events ({Columns}) SELECT {Columns} FROM {Staging} ORDER BY id " +
            "ON CONFLICT (occurred_at, event_id) DO NOTHING RETURNING event_id", connection, tx);
        var inserted = new HashSet<Guid>();
        await using (var reader = await insert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                inserted.Add(reader.GetGuid(0));
        }
        // The staging table empties itself at commit (ON COMMIT DELETE ROWS).
        return inserted;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct)
    {
        // The staging copy carries the batch order in id; the events table numbers its rows itself.
        var withOrder = table == Staging;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({(withOrder ? "id, " : "")}{Columns}) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i].Event;
            await copy.StartRowAsync(ct);
            if (withOrder)
                await copy.WriteAsync((long)i, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.VisitorId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(rows[i].ProfileId, NpgsqlDbType.Bigint, ct);
            await WriteNullableAsync(copy, e.CustomerId, ct);
            await WriteNullableAsync(copy, e.SessionId, ct);
            await copy.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(rows[i].PropertiesJson, NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

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

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    private static NpgsqlParameter Add(DbCommand command, string name, object value)
    {
        var parameter = new NpgsqlParameter(name.TrimStart('@'), value);
        command.Parameters.Add(parameter);
        return parameter;
    }
}
