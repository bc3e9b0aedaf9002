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
        {
            var at = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc);
            events.Add(new StoreEvent(reader.GetString(1), reader.GetString(2), new DateTimeOffset(at))
            {
                EventId = reader.GetGuid(0),
                CustomerId = reader.IsDBNull(3) ? null : reader.GetString(3),
                SessionId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Properties = Properties(reader.GetString(6)),
            });
        }
        return events;
    }

    public static Dictionary<string, object?> Properties(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
            .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.Null ? null : (object?)p.Value, StringComparer.Ordinal);
}
