using System.Text;
using Microsoft.Data.Sqlite;

namespace NopSegments.Data.Ingestion;

/// <summary>The events insert on SQLite: one prepared statement, values bound by position straight from the event.</summary>
internal sealed class SqliteEventInsert : IDisposable
{
    private readonly SqliteStatement insert;

    public SqliteEventInsert(SqliteConnection connection, DateTime recordedAt)
    {
        insert = new SqliteStatement(connection,
            "INSERT INTO nopsegments_events (event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, recorded_at, properties) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (name, occurred_at, event_id) DO NOTHING");
        // The batch's recording time is the same for every row, and a binding stays across executions.
        insert.BindTime(8, recordedAt);
    }

    /// <summary>Stores the row unless its (name, time, id) key is already stored; true when it was new.</summary>
    public bool Insert(in EventRow row)
    {
        var e = row.Event;
        Span<byte> id = stackalloc byte[36];
        e.EventId.TryFormat(id, out _, "D");
        // EF Core stores Guids as upper-case text on SQLite.
        Ascii.ToUpperInPlace(id, out _);
        insert.BindUtf8(1, id);
        insert.BindText(2, e.Name);
        insert.BindText(3, e.VisitorId);
        insert.BindInt64(4, row.ProfileId);
        insert.Bind(5, e.CustomerId);
        insert.Bind(6, e.SessionId);
        insert.BindTime(7, e.OccurredAt.UtcDateTime);
        insert.BindText(9, row.PropertiesJson);
        return insert.Execute() == 1;
    }

    public void Dispose() => insert.Dispose();
}
