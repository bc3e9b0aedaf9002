using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace NopSegments.Data.Ingestion;

/// <summary>PostgreSQL: binary COPY into a session temp table, one INSERT … ON CONFLICT from it; lists as arrays.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private const string Staging = "nopsegments_events_in";
    private const int BatchSize = 1000;

    public override DbConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<long> values) =>
        Add(command, name, values.ToArray());

    public override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values) =>
        Add(command, name, values.ToArray());

    public override object EventId(Guid id) => id;

    public override async Task<HashSet<Guid>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {Staging} (ord bigint, event_id uuid, name text, visitor_id text, profile_id bigint, " +
            "customer_id text, session_id text, occurred_at timestamptz, properties text) ON COMMIT DELETE ROWS", npgsql, (NpgsqlTransaction)transaction))
            await create.ExecuteNonQueryAsync(ct);

        await using (var copy = await npgsql.BeginBinaryImportAsync(
            $"COPY {Staging} (ord, event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, properties) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var e = rows[i].Event;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync((long)i, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.Name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.VisitorId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(rows[i].ProfileId, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(copy, e.CustomerId, ct);
                await WriteNullableAsync(copy, e.SessionId, ct);
                await copy.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(rows[i].PropertiesJson, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO nopsegments_events (event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, recorded_at, properties) " +
            $"SELECT event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, @recorded, properties FROM {Staging} ORDER BY ord " +
            "ON CONFLICT (occurred_at, event_id) DO NOTHING RETURNING event_id", npgsql, (NpgsqlTransaction)transaction);
        insert.Parameters.AddWithValue("recorded", NpgsqlDbType.TimestampTz, recordedAt);
        var inserted = new HashSet<Guid>();
        await using (var reader = await insert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                inserted.Add(reader.GetGuid(0));
        }
        // The staging table empties itself at commit (ON COMMIT DELETE ROWS).
        return inserted;
    }

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
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>One UPDATE … FROM a staging table filled by binary COPY, instead of a statement per row.</summary>
    public override async Task UpdateRowsAsync(
        DbConnection connection, DbTransaction transaction, string table, string key, string[] columns,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var npgsql = (NpgsqlConnection)connection;
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
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static NpgsqlParameter Add(DbCommand command, string name, object value)
    {
        var parameter = new NpgsqlParameter(name.TrimStart('@'), value);
        command.Parameters.Add(parameter);
        return parameter;
    }
}
