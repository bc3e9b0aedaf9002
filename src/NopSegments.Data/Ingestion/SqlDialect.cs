using System.Data;
using System.Data.Common;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// The few statements whose fast form differs per database: bulk event inserts, list parameters, and
/// batched profile updates. Everything else the writer sends is plain SQL both understand.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>A condition on a list of keys and what binds its parameter: the condition's form follows the count.</summary>
    public readonly record struct KeyList(string Condition, Action<DbCommand> Bind);

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.PostgreSql => new PostgresDialect(),
        _ => throw new NotSupportedException(
            $"Event ingestion runs on SQLite and PostgreSQL; {provider} is not supported yet."),
    };

    public abstract DbConnection Open(string connectionString);

    /// <summary>The schema the module's scheduler (Hangfire) keeps its jobs in, on a database server.</summary>
    public const string SchedulerSchema = "nopsegments_hangfire";

    /// <summary>What removes the scheduler's storage at uninstall; null where it lives in memory.</summary>
    public virtual string? DropSchedulerStorage => null;

    /// <summary>
    /// True when the failure is the database's state (down, busy, restarting, out of room), not something in the batch:
    /// the same batch is worth trying again later, and splitting it would not help.
    /// </summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>A condition "<paramref name="column"/> is in the list bound to <paramref name="parameter"/>".</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>
    /// "<paramref name="column"/> is one of <paramref name="values"/>" for keys that may number one or thousands (a
    /// batch's visitors, profiles), with the binding that goes with the condition's form.
    /// </summary>
    public virtual KeyList Keys(string column, string parameter, IReadOnlyCollection<string> values) =>
        new(InList(column, parameter), command => ListParameter(command, parameter, values));

    /// <inheritdoc cref="Keys(string, string, IReadOnlyCollection{string})"/>
    public virtual KeyList Keys(string column, string parameter, IReadOnlyCollection<long> values) =>
        new(InList(column, parameter), command => ListParameter(command, parameter, values));

    public abstract DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<long> values);

    public abstract DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values);

    /// <summary>Inserts the rows, skipping event ids already stored; returns the ids that were new.</summary>
    public abstract Task<HashSet<Guid>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> rows, DateTime recordedAt, CancellationToken ct);

    /// <summary>Runs one prepared statement once per row of values.</summary>
    public abstract Task ExecuteForEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, string[] parameters,
        IEnumerable<object?[]> rows, CancellationToken ct);

    /// <summary>Inserts many rows into <paramref name="table"/>: a prepared INSERT per row unless the database has a bulk path.</summary>
    public virtual Task InsertRowsAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct) =>
        ExecuteForEachAsync(connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})",
            [.. columns.Select(c => "@" + c)], rows, ct);

    /// <summary>
    /// Sets <paramref name="columns"/> of many rows, matched on <paramref name="key"/> (each row's last value): queued
    /// to go with the transaction's next read or its commit. <paramref name="nullTypes"/>: each value's type when it is null.
    /// </summary>
    public virtual Task UpdateRowsAsync(
        StatementQueue queue, string table, string key, string[] columns, DbType[] nullTypes, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var parameters = columns.Append(key).Select((_, i) => $"@p{i}").ToArray();
        var sql = $"UPDATE {table} SET {string.Join(", ", columns.Select((c, i) => $"{c} = {parameters[i]}"))} WHERE {key} = {parameters[^1]}";
        foreach (var row in rows)
            queue.Add(sql, [.. parameters.Select((name, i) => (name, row[i] ?? new StatementQueue.Null(nullTypes[i])))]);
        return Task.CompletedTask;
    }

    /// <summary>Takes <paramref name="count"/> profile ids no other writer will use, for the batch's new profiles.</summary>
    public abstract Task<Queue<long>> ReserveProfileIdsAsync(DbConnection connection, DbTransaction transaction, int count, CancellationToken ct);

    /// <summary>
    /// Queues the writer transaction's settings; <see cref="BatchCommit.Buffered"/> lets its commit return before the
    /// database's log reaches disk.
    /// </summary>
    public virtual void Configure(StatementQueue queue, BatchCommit commit)
    {
    }

    /// <summary>Called after each batch commits, on the writer's still open connection.</summary>
    public virtual void Committed(DbConnection connection, string connectionString)
    {
    }

    /// <summary>
    /// Whether the writer reads a batch's membership inputs in its first round trip (see MembershipReadAhead). SQLite has
    /// no round trip to save, and its prepared reads after the insert allocate less.
    /// </summary>
    public virtual bool ReadsMembershipAhead => false;

    /// <summary>A prepared statement planned once, whatever its parameters' values.</summary>
    public virtual string PlannedOnce(string statement) => statement;

    /// <summary>A time as the database stores it and reads it back.</summary>
    public virtual DateTime AsStored(DateTimeOffset time) => time.UtcDateTime;

    /// <summary>A JSON text column's property as text (null when absent).</summary>
    public abstract string JsonText(string column, string property);

    /// <summary>A JSON text column's property as a number (null when absent or not a number).</summary>
    public abstract string JsonNumber(string column, string property);

    /// <summary>True when <paramref name="haystack"/> contains <paramref name="needle"/>, ignoring case.</summary>
    public abstract string ContainsIgnoringCase(string haystack, string needle);

    /// <summary>How a Guid is stored: EF Core keeps it as upper-case text on SQLite, as uuid on PostgreSQL.</summary>
    public abstract object EventId(Guid id);
}
