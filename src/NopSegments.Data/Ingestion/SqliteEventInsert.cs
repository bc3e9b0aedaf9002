using System.Text;
using Microsoft.Data.Sqlite;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// The events insert on SQLite: prepared statements of many rows each, values bound by position straight from the
/// events. SQLite sets a statement up (its program, a cursor on the table and on each index) once per run, so a run
/// stores <see cref="RowsPerStatement"/> events for the set-up of one.
/// </summary>
internal sealed class SqliteEventInsert : IDisposable
{
    public const int RowsPerStatement = 32;
    private const int ValuesPerRow = 12;

    // Built once: the writer prepares these for every batch.
    private static readonly string InsertOne = Sql(1);
    private static readonly string InsertMany = Sql(RowsPerStatement);

    private readonly SqliteConnection connection;
    private readonly SqliteStatement one;
    private readonly SqliteStatement many;

    public SqliteEventInsert(SqliteConnection connection, DateTime recordedAt)
    {
        this.connection = connection;
        one = new SqliteStatement(connection, InsertOne);
        many = new SqliteStatement(connection, InsertMany);
        // The batch's recording time is the same for every row (?1), and a binding stays across executions.
        one.BindTime(1, recordedAt);
        many.BindTime(1, recordedAt);
    }

    /// <summary>Stores each row unless its (name, time, id) key is already stored; adds the ids of the new ones.</summary>
    public void InsertAll(IReadOnlyList<EventRow> rows, HashSet<Guid> inserted)
    {
        // A new row's rowid is one more than the highest stored: the rows a run stored are the ids above it.
        var highest = Highest();
        var i = 0;
        for (; i + RowsPerStatement <= rows.Count; i += RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++)
                Bind(many, 2 + r * ValuesPerRow, rows[i + r]);
            var stored = many.Execute();
            if (stored == RowsPerStatement)
            {
                for (var r = 0; r < RowsPerStatement; r++)
                    inserted.Add(rows[i + r].Event.EventId);
            }
            else
            {
                StoredAbove(highest, inserted); // some were stored before (a retry): which ones this run stored
            }
            highest += stored;
        }
        for (; i < rows.Count; i++)
        {
            Bind(one, 2, rows[i]);
            if (one.Execute() == 1)
                inserted.Add(rows[i].Event.EventId);
        }
    }

    // OR IGNORE rather than ON CONFLICT (key) DO NOTHING: with the default ABORT left on the NOT NULL columns, a
    // many-row statement keeps a statement journal (a copy of every page it changes, so it can undo itself alone),
    // which cost the writer ~0.7 µs an event (about 6 %). Those columns are bound from values the validator requires.
    private static string Sql(int rows) =>
        "INSERT OR IGNORE INTO nopsegments_events (event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, properties, category, sku, discount_code, source, recorded_at) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(2 + r * ValuesPerRow, ValuesPerRow).Select(p => $"?{p}")) + ", ?1)"));

    private static void Bind(SqliteStatement insert, int at, in EventRow row)
    {
        var e = row.Event;
        Span<byte> id = stackalloc byte[36];
        e.EventId.TryFormat(id, out _, "D");
        // EF Core stores Guids as upper-case text on SQLite.
        Ascii.ToUpperInPlace(id, out _);
        insert.BindUtf8(at, id);
        insert.BindText(at + 1, e.Name);
        insert.BindText(at + 2, e.VisitorId);
        insert.BindInt64(at + 3, row.ProfileId);
        insert.Bind(at + 4, e.CustomerId);
        insert.Bind(at + 5, e.SessionId);
        insert.BindTime(at + 6, e.OccurredAt.UtcDateTime);
        insert.BindUtf8(at + 7, row.PropertiesJson);
        for (var c = 0; c < EventRow.PropertyColumns.Count; c++)
            insert.Bind(at + 8 + c, row.Column(c));
    }

    private long Highest()
    {
        using var max = new SqliteStatement(connection, "SELECT COALESCE(MAX(id), 0) FROM nopsegments_events");
        max.Step();
        var highest = max.Int64(0);
        max.Step();
        return highest;
    }

    private void StoredAbove(long highest, HashSet<Guid> inserted)
    {
        using var query = new SqliteStatement(connection, "SELECT event_id FROM nopsegments_events WHERE id > ?1");
        query.BindInt64(1, highest);
        while (query.Step())
            inserted.Add(Guid.Parse(query.Text(0)!));
    }

    public void Dispose()
    {
        one.Dispose();
        many.Dispose();
    }
}
