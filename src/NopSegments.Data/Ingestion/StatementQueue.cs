using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Writes of one transaction that nothing reads back at once (profile rows, segment members, transitions, checks),
/// gathered and sent with the next read or with the commit. On a server (PostgreSQL) every statement that waits
/// alone costs a round trip, and a round trip's p99 here is about a millisecond: queued, a one-event transaction's
/// writes cost none of their own. SQLite has no round trip but prepares every statement of a command text again on
/// each execution, so there each distinct statement is prepared once per flush and run for each of its rows.
/// </summary>
internal sealed partial class StatementQueue(DbConnection connection, DbTransaction tx)
{
    private readonly List<(string Statement, (string Name, object? Value)[] Parameters)> pending = [];

    /// <summary>A missing value of a known type (see <see cref="SqlDialect.UpdateRowsAsync"/>).</summary>
    public sealed record Null(DbType Type);

    public DbConnection Connection => connection;

    public DbTransaction Transaction => tx;

    public void Add(string statement, params (string Name, object? Value)[] parameters) => pending.Add((statement, parameters));

    /// <summary>Sends what is queued now (before a statement that cannot ride with it).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (pending.Count == 0)
            return;
        if (connection is SqliteConnection sqlite)
            RunPrepared(sqlite);
        else
        {
            await using var command = Command("");
            await command.ExecuteNonQueryAsync(ct);
        }
        pending.Clear();
    }

    /// <summary>
    /// Runs a query after what is queued (one round trip on a server) and hands its reader to <paramref name="read"/>,
    /// positioned on the query's first result set.
    /// </summary>
    public async Task<T> ReadAsync<T>(string query, Action<DbCommand> bind, Func<DbDataReader, Task<T>> read, CancellationToken ct)
    {
        if (connection is SqliteConnection)
            await FlushAsync(ct);
        await using var command = Command(query);
        bind(command);
        pending.Clear();
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await read(reader);
    }

    /// <summary>Sends what is queued and commits; on a server the COMMIT goes in the same round trip.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (connection is SqliteConnection || pending.Count == 0)
        {
            await FlushAsync(ct);
            await tx.CommitAsync(ct);
            return;
        }
        // An error in any statement makes the server skip the rest, COMMIT included; disposing the transaction rolls back.
        await using var command = Command("COMMIT");
        pending.Clear();
        await command.ExecuteNonQueryAsync(ct);
    }

    private void RunPrepared(SqliteConnection sqlite)
    {
        var prepared = new Dictionary<string, SqliteStatement>(StringComparer.Ordinal);
        try
        {
            foreach (var (statement, parameters) in pending)
            {
                if (!prepared.TryGetValue(statement, out var run))
                    prepared[statement] = run = new SqliteStatement(sqlite, statement);
                foreach (var (name, value) in parameters)
                    run.Bind(run.IndexOf(name), value is Null ? null : value);
                run.Execute();
            }
        }
        finally
        {
            foreach (var statement in prepared.Values)
                statement.Dispose();
        }
    }

    // The queued statements, then `last`, as one command; parameters are renamed per statement so statements of the
    // same shape can share it (the server still prepares each shape once: they are split into statements again).
    private DbCommand Command(string last)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        var text = new StringBuilder();
        for (var n = 0; n < pending.Count; n++)
        {
            var (statement, parameters) = pending[n];
            text.Append(n == 0 ? "" : "; ").Append(Renamed(statement, n));
            foreach (var (name, value) in parameters)
            {
                if (value is Null missing)
                    command.AddParameter($"{name}_{n}", null).DbType = missing.Type;
                else
                    command.AddParameter($"{name}_{n}", value);
            }
        }
        if (last.Length > 0)
            text.Append(pending.Count == 0 ? "" : "; ").Append(last);
        command.CommandText = text.ToString();
        return command;
    }

    // The few statements a small batch queues come back with the same positions every event: their renamed texts are
    // kept (renaming them again was 13 of the 95 KB a one-event write allocated on PostgreSQL). Large batches'
    // later positions are renamed each time rather than kept without bound.
    private const int KeptPositions = 64;
    private static readonly ConcurrentDictionary<(string Statement, int Position), string> Kept = new();

    private static string Renamed(string statement, int position) => position < KeptPositions
        ? Kept.GetOrAdd((statement, position), static key => Rename(key.Statement, key.Position))
        : Rename(statement, position);

    private static string Rename(string statement, int position) => Parameter().Replace(statement, m => $"{m.Value}_{position}");

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
