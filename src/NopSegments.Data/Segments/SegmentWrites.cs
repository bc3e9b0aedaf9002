using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Segments;

/// <summary>
/// One profile's membership writes (members, transitions, checks), gathered while the profile is evaluated and sent
/// together. On a server (PostgreSQL) they go as one command in one round trip: an order that moves a profile in or
/// out of ten segments had made twenty-odd round trips, most of the per-event time. SQLite has no round trip but
/// prepares every statement of a command text again on each execution, so there each distinct statement is prepared
/// once per flush and run for each of its rows.
/// </summary>
internal sealed partial class SegmentWrites(DbConnection connection, DbTransaction tx)
{
    private readonly List<(string Statement, (string Name, object? Value)[] Parameters)> pending = [];

    public void Add(string statement, params (string Name, object? Value)[] parameters) => pending.Add((statement, parameters));

    public async Task FlushAsync(CancellationToken ct)
    {
        if (pending.Count == 0)
            return;
        if (connection is SqliteConnection sqlite)
            RunPrepared(sqlite);
        else
            await RunAsOneCommandAsync(ct);
        pending.Clear();
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
                    run.Bind(run.IndexOf(name), value);
                run.Execute();
            }
        }
        finally
        {
            foreach (var statement in prepared.Values)
                statement.Dispose();
        }
    }

    // Parameters are renamed per statement so statements of the same shape can share the command.
    private async Task RunAsOneCommandAsync(CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var text = new StringBuilder();
        for (var n = 0; n < pending.Count; n++)
        {
            var (statement, parameters) = pending[n];
            text.Append(n == 0 ? "" : "; ").Append(Parameter().Replace(statement, m => $"{m.Value}_{n}"));
            foreach (var (name, value) in parameters)
                command.AddParameter($"{name}_{n}", value);
        }
        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
