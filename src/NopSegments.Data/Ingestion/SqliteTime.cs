namespace NopSegments.Data.Ingestion;

/// <summary>
/// Microsoft.Data.Sqlite's text form of a time, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction's trailing zeros and
/// then its point left out), written as UTF-8 digit by digit. The custom format string was parsed again on every
/// call: half a microsecond of every stored event. A test holds the two side by side.
/// </summary>
internal static class SqliteTime
{
    /// <summary>The longest text a time takes.</summary>
    public const int MaxLength = 27;

    /// <summary>Writes the time into <paramref name="utf8"/> (at least <see cref="MaxLength"/> bytes); returns the length.</summary>
    public static int Write(DateTime value, Span<byte> utf8)
    {
        var (year, month, day) = value;
        Digits(utf8[..4], year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), day);
        utf8[10] = (byte)' ';
        Digits(utf8.Slice(11, 2), value.Hour);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), value.Minute);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), value.Second);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
            return 19;
        utf8[19] = (byte)'.';
        Digits(utf8.Slice(20, 7), fraction);
        var end = MaxLength;
        while (utf8[end - 1] == (byte)'0')
            end--;
        return end;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
