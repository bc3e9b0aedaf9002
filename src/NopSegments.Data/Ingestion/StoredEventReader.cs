using System.Data.Common;
using System.Text.Json;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>Reads a profile's stored events back as <see cref="StoreEvent"/>s, in fold order (time, then recording).</summary>
internal static class StoredEventReader
{
    public static async Task<List<StoreEvent>> ReadProfileAsync(
        DbConnection connection, DbTransaction? tx, long profileId, DateTimeOffset? upTo, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            "SELECT event_id, name, visitor_id, customer_id, session_id, occurred_at, properties FROM nopsegments_events " +
            "WHERE profile_id = @profile" + (upTo is null ? "" : " AND occurred_at <= @upTo") + " ORDER BY occurred_at, id";
        command.AddParameter("@profile", profileId);
        if (upTo is { } limit)
            command.AddParameter("@upTo", limit.UtcDateTime);
        var events = new List<StoreEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(Read(reader, 0));
        return events;
    }

    /// <summary>The event in the row's columns from <paramref name="first"/>: event_id, name, visitor_id, customer_id, session_id, occurred_at, properties.</summary>
    public static StoreEvent Read(DbDataReader reader, int first)
    {
        var at = DateTime.SpecifyKind(reader.GetDateTime(first + 5), DateTimeKind.Utc);
        return new StoreEvent(reader.GetString(first + 1), reader.GetString(first + 2), new DateTimeOffset(at))
        {
            EventId = reader.GetGuid(first),
            CustomerId = reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            SessionId = reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
            Properties = Properties(reader.GetString(first + 6)),
        };
    }

    /// <summary>The same columns from a SQLite statement run through SQLitePCLRaw (<see cref="SqliteStatement"/>).</summary>
    public static StoreEvent Read(SqliteStatement row, int first) =>
        new(row.Text(first + 1)!, row.Text(first + 2)!, new DateTimeOffset(row.Time(first + 5)))
        {
            EventId = Guid.Parse(row.Text(first)!),
            CustomerId = row.Text(first + 3),
            SessionId = row.Text(first + 4),
            Properties = Properties(row.Text(first + 6)!),
        };

    /// <summary>
    /// The stored properties as the tracker hands them over: text as strings, numbers as decimals, booleans as bools
    /// (arrays and objects stay JSON). Read with one reader pass: a JSON document per value, as the serializer makes
    /// for JsonElement values, was most of what reading a profile's events allocated.
    /// </summary>
    public static Dictionary<string, object?> Properties(string json) => Properties(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>The properties from their UTF-8 JSON.</summary>
    public static Dictionary<string, object?> Properties(ReadOnlySpan<byte> json)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Stored event properties are not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            properties[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number when reader.TryGetDecimal(out var number) => number,
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Null => null,
                _ => JsonElement.ParseValue(ref reader),
            };
        }
        return properties;
    }
}
