using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// One prepared statement run straight through SQLitePCLRaw, the library under Microsoft.Data.Sqlite, on the
/// connection (and so the transaction) it was prepared on. Per execution Microsoft.Data.Sqlite builds a data reader,
/// looks parameters up by name and converts each value on the managed heap; the writer runs its statements thousands
/// of times a second, and that garbage cost the storefront CPU and per-event membership its collector pauses.
/// Values are stored exactly as Microsoft.Data.Sqlite stores them, so EF Core reads and compares them alike.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    [ThreadStatic]
    private static byte[]? utf8;

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    // A few names per statement, and statements are prepared per batch: a short list, not a dictionary per statement.
    private readonly List<(string Name, int Index)> positions = [];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open");
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
    }

    /// <summary>The 1-based position of a named parameter (<c>@name</c>) in the statement.</summary>
    public int IndexOf(string parameter)
    {
        // Looked up once per name: a statement run per row would otherwise convert the name to UTF-8 on every bind.
        foreach (var (name, known) in positions)
        {
            if (string.Equals(name, parameter, StringComparison.Ordinal))
                return known;
        }
        var index = raw.sqlite3_bind_parameter_index(statement, parameter);
        if (index <= 0)
            throw new ArgumentException($"The statement has no parameter {parameter}", nameof(parameter));
        positions.Add((parameter, index));
        return index;
    }

    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null: Check(raw.sqlite3_bind_null(statement, index)); break;
            case string s: BindText(index, s); break;
            case long l: Check(raw.sqlite3_bind_int64(statement, index, l)); break;
            case int i: Check(raw.sqlite3_bind_int64(statement, index, i)); break;
            case bool b: Check(raw.sqlite3_bind_int64(statement, index, b ? 1 : 0)); break;
            case double d: Check(raw.sqlite3_bind_double(statement, index, d)); break;
            case DateTime t: BindTime(index, t); break;
            default:
                throw new NotSupportedException($"The writer binds text, integers, reals and times on SQLite, not {value.GetType().Name}");
        }
    }

    /// <summary>A time as Microsoft.Data.Sqlite stores it (<see cref="SqliteTime"/>); EF Core reads and compares the same.</summary>
    public void BindTime(int index, DateTime value)
    {
        Span<byte> text = stackalloc byte[SqliteTime.MaxLength];
        BindUtf8(index, text[..SqliteTime.Write(value, text)]);
    }

    // UTF-8 made here (vectorized) rather than by SQLite from UTF-16 (a byte at a time); SQLite copies the bytes.
    public void BindText(int index, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = utf8 is { } b && b.Length >= length ? b : utf8 = new byte[Math.Max(length, 4096)];
        var written = Encoding.UTF8.GetBytes(value, buffer);
        Check(raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written)));
    }

    public void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(statement, index, utf8));

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>Moves to the statement's next row; false (and reset for the next run) when there is none.</summary>
    public bool Step()
    {
        var step = raw.sqlite3_step(statement);
        if (step == raw.SQLITE_ROW)
            return true;
        raw.sqlite3_reset(statement);
        return step == raw.SQLITE_DONE ? false : throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), step);
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public string? Text(int column) => IsNull(column) ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

    /// <summary>A time stored as Microsoft.Data.Sqlite stores it, read back as UTC.</summary>
    public DateTime Time(int column) =>
        DateTime.SpecifyKind(DateTime.Parse(Text(column) ?? throw new InvalidOperationException($"Column {column} is null"), CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>Runs the statement with the values bound (bindings stay for the next run), then resets it; returns the rows it changed.</summary>
    public int Execute()
    {
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), step);
        return raw.sqlite3_changes(db);
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
    }

    public void Dispose() => statement.Dispose();
}
