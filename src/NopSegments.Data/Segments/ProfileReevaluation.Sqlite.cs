using System.Text.Json;
using Microsoft.Data.Sqlite;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Segments;

internal sealed partial class ProfileReevaluation
{
    /// <summary>
    /// The same reads on SQLite, each statement run through SQLitePCLRaw: there is no round trip to save, and
    /// Microsoft.Data.Sqlite prepared all four statements again for every profile, with a data reader and converted
    /// values around each — a third of what evaluating an event allocated.
    /// </summary>
    private StoredProfile? ReadPrepared(SqliteConnection sqlite, List<string> statements, long profile, IReadOnlyCollection<string> names, DateTime? since)
    {
        StoredProfile stored;
        using (var row = Prepare(sqlite, statements[0], profile))
        {
            if (!row.Step())
                return null;
            stored = new StoredProfile(row.Text(0) ?? "", row.Text(1), [], [], []);
        }
        using (var members = Prepare(sqlite, statements[1], profile))
        {
            while (members.Step())
                stored.Members.Add(members.Int64(0));
        }
        using (var checks = Prepare(sqlite, statements[2], profile))
        {
            while (checks.Step())
                stored.Checks[checks.Int64(0)] = checks.Time(1);
        }
        if (since is not { } from)
            return stored;
        using var events = Prepare(sqlite, statements[3], profile);
        events.BindTime(events.IndexOf("@now"), now.UtcDateTime);
        events.BindTime(events.IndexOf("@since"), from);
        events.BindText(events.IndexOf("@names"), JsonSerializer.Serialize(names));
        while (events.Step())
            stored.Events.Add(StoredEventReader.Read(events, 0));
        return stored;
    }

    private static SqliteStatement Prepare(SqliteConnection sqlite, string sql, long profile)
    {
        var statement = new SqliteStatement(sqlite, sql);
        statement.BindInt64(statement.IndexOf("@p"), profile);
        return statement;
    }
}
