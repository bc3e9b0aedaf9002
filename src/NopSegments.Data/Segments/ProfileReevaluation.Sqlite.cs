using System.Text.Json;
using Microsoft.Data.Sqlite;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Segments;

internal sealed partial class ProfileReevaluation
{
    /// <summary>
    /// The same reads on SQLite, a profile at a time, each statement run through SQLitePCLRaw: there is no round trip
    /// to save, and Microsoft.Data.Sqlite prepared all four statements again for every profile, with a data reader
    /// and converted values around each — a third of what evaluating an event allocated.
    /// </summary>
    private Dictionary<long, MembershipInputs> ReadPrepared(
        SqliteConnection sqlite, List<Target> targets, bool withState, IReadOnlyCollection<string> names, DateTime? since)
    {
        var stored = new Dictionary<long, MembershipInputs>();
        var namesJson = JsonSerializer.Serialize(names);
        foreach (var target in targets)
        {
            if (ReadPrepared(sqlite, target.ProfileId, withState, namesJson, since) is { } profile)
                stored[target.ProfileId] = profile;
        }
        return stored;
    }

    private MembershipInputs? ReadPrepared(SqliteConnection sqlite, long profile, bool withState, string names, DateTime? since)
    {
        MembershipInputs stored;
        using (var row = Prepare(sqlite, withState
            ? $"SELECT COALESCE(s.state, ''), p.traits FROM nopsegments_profiles p {ProfileDirectory.WithState} WHERE p.id = @p"
            : "SELECT '', traits FROM nopsegments_profiles WHERE id = @p", profile))
        {
            if (!row.Step())
                return null;
            stored = new MembershipInputs(row.Text(0) ?? "", row.Text(1), [], [], []);
        }
        using (var members = Prepare(sqlite, "SELECT segment_id FROM nopsegments_segment_members WHERE profile_id = @p", profile))
        {
            while (members.Step())
                stored.Members.Add(members.Int64(0));
        }
        using (var checks = Prepare(sqlite, "SELECT segment_id, due_at FROM nopsegments_segment_checks WHERE profile_id = @p", profile))
        {
            while (checks.Step())
                stored.Checks[checks.Int64(0)] = checks.Time(1);
        }
        if (since is not { } from)
            return stored;
        using var events = Prepare(sqlite, $"SELECT {MembershipInputs.EventColumns} FROM nopsegments_events " +
            $"WHERE profile_id = @p AND occurred_at <= @now AND occurred_at >= @since AND {sql.InList("name", "@names")} ORDER BY occurred_at, id", profile);
        events.BindTime(events.IndexOf("@now"), now.UtcDateTime);
        events.BindTime(events.IndexOf("@since"), from);
        events.BindText(events.IndexOf("@names"), names);
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
