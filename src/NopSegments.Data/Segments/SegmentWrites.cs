using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Segments;

/// <summary>
/// One profile's membership writes (members, transitions, checks) gathered into a single command and sent in one round
/// trip once the profile is evaluated: an order that moves a profile in or out of ten segments had made twenty-odd
/// round trips, most of PostgreSQL's per-event time.
/// </summary>
internal sealed partial class SegmentWrites(DbConnection connection, DbTransaction tx)
{
    private readonly StringBuilder text = new();
    private readonly List<(string Name, object? Value)> values = [];
    private int count;

    /// <summary>Adds a statement; its parameters are renamed so statements of the same shape can share the command.</summary>
    public void Add(string statement, params (string Name, object? Value)[] parameters)
    {
        var n = count++;
        text.Append(n == 0 ? "" : "; ").Append(Parameter().Replace(statement, m => $"{m.Value}_{n}"));
        values.AddRange(parameters.Select(p => ($"{p.Name}_{n}", p.Value)));
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (count == 0)
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = text.ToString();
        foreach (var (name, value) in values)
            command.AddParameter(name, value);
        await command.ExecuteNonQueryAsync(ct);
        text.Clear();
        values.Clear();
        count = 0;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
