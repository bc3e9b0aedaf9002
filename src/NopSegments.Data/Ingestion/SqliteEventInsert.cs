using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// The events insert on SQLite through SQLitePCLRaw, the library under Microsoft.Data.Sqlite: one prepared statement,
/// values bound by position straight from the event's strings. Microsoft.Data.Sqlite's per-execution work (a data
/// reader, parameters looked up by name, every value converted to UTF-8 on the managed heap) was a fifth of the
/// writer's CPU, which a busy storefront's request threads then lacked. Values are stored exactly as
/// Microsoft.Data.Sqlite stores them, so keys and comparisons with its parameters still match.
/// </summary>
internal sealed class SqliteEventInsert : IDisposable
{
    // Microsoft.Data.Sqlite's text form of a DateTime; EF Core reads and compares the same.
    public const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private const string Sql =
        "INSERT INTO nopsegments_events (event_id, name, visitor_id, profile_id, customer_id, session_id, occurred_at, recorded_at, properties) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (occurred_at, event_id) DO NOTHING";

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly string recordedAt;
    private byte[] utf8 = new byte[4096];

    public SqliteEventInsert(SqliteConnection connection, DateTime recordedAt)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open");
        Check(raw.sqlite3_prepare_v2(db, Sql, out statement));
        this.recordedAt = recordedAt.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Stores the row unless its (time, id) key is already stored; true when it was new.</summary>
    public bool Insert(in EventRow row)
    {
        var e = row.Event;
        Span<char> id = stackalloc char[36];
        e.EventId.TryFormat(id, out _, "D");
        // EF Core stores Guids as upper-case text on SQLite.
        Ascii.ToUpperInPlace(id, out _);
        Span<char> at = stackalloc char[27];
        e.OccurredAt.UtcDateTime.TryFormat(at, out var atLength, DateTimeFormat, CultureInfo.InvariantCulture);

        BindText(1, id);
        BindText(2, e.Name);
        BindText(3, e.VisitorId);
        Check(raw.sqlite3_bind_int64(statement, 4, row.ProfileId));
        BindOptional(5, e.CustomerId);
        BindOptional(6, e.SessionId);
        BindText(7, at[..atLength]);
        BindText(8, recordedAt);
        BindText(9, row.PropertiesJson);
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
            throw new SqliteException($"Could not store event {e.EventId}: {raw.sqlite3_errmsg(db).utf8_to_string()}", step);
        return raw.sqlite3_changes(db) == 1;
    }

    private void BindOptional(int index, string? value)
    {
        if (value is null)
            Check(raw.sqlite3_bind_null(statement, index));
        else
            BindText(index, value);
    }

    // UTF-8 made here (vectorized) rather than by SQLite from UTF-16 (a byte at a time); SQLite copies the bytes.
    private void BindText(int index, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < length)
            utf8 = new byte[Math.Max(length, utf8.Length * 2)];
        var written = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written)));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
    }

    public void Dispose() => statement.Dispose();
}
