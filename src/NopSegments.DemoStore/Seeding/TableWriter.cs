using System.Data.Common;

namespace NopSegments.DemoStore.Seeding;

/// <summary>
/// Prepared, parameterized inserts inside one transaction: the seed writes ~400,000 order lines,
/// far past what EF change tracking does in a minute. Works on SQLite and PostgreSQL alike.
/// </summary>
internal static class TableWriter
{
    public static async Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, string[] columns,
        IEnumerable<T> items, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = columns.Select((_, i) => "@p" + i).ToArray();
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", parameters)})";
        var bound = parameters.Select(name =>
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
            return p;
        }).ToArray();

        var prepared = false;
        foreach (var item in items)
        {
            var row = values(item);
            for (var i = 0; i < bound.Length; i++)
                bound[i].Value = row[i] ?? DBNull.Value;
            if (!prepared)
            {
                await command.PrepareAsync(cancellationToken);
                prepared = true;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
