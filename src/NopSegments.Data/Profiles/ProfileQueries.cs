using System.Data.Common;
using System.Text.Json;
using NopSegments.Data.Ingestion;
using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Data.Profiles;

/// <summary>
/// Profiles as of any instant, computed from the stored events: only events at or before the instant
/// exist for it, aggregates and RFM included.
/// </summary>
internal sealed class ProfileQueries(SegmentsDbContextFactory contexts)
{
    /// <summary>The profile a key names: a customer id, a visitor id, or else its own number (with or without "#").</summary>
    public async Task<long?> FindAsync(string key, CancellationToken ct = default)
    {
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id FROM nopsegments_profiles WHERE customer_id = @key " +
            "UNION SELECT profile_id FROM nopsegments_identities WHERE visitor_id = @key";
        command.AddParameter("@key", key);
        var found = await command.ExecuteScalarAsync(ct);
        if (found is not (null or DBNull))
            return Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture);
        // A profile number as the admin shows it ("Anonymous #550"), when no customer or visitor has that key.
        if (!long.TryParse(key.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return null;
        command.CommandText = "SELECT id FROM nopsegments_profiles WHERE id = @id";
        command.Parameters.Clear();
        command.AddParameter("@id", id);
        found = await command.ExecuteScalarAsync(ct);
        return found is null or DBNull ? null : id;
    }

    /// <summary>The profile's attributes, RFM scores and fold state at <paramref name="asOf"/>; null when it had no event by then.</summary>
    public async Task<(ProfileAttributes Attributes, RfmScore? Rfm, ProfileState State)?> AsOfAsync(long profileId, DateTimeOffset asOf, CancellationToken ct = default)
    {
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        var events = await StoredEventReader.ReadProfileAsync(connection, null, profileId, asOf, ct);
        if (events.Count == 0)
            return null;
        var accumulator = new ProfileAccumulator();
        foreach (var e in events)
            accumulator.Apply(e);
        var attributes = accumulator.ToAttributes(asOf);
        var rfm = attributes.OrdersCount == 0 ? null
            : RfmScorer.Score(await BuyersAsync(connection, asOf, ct)).GetValueOrDefault(profileId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (attributes, rfm, accumulator.State);
    }

    /// <summary>Every profile with an order by <paramref name="asOf"/>, with its RFM metrics then (money summed as decimal).</summary>
    internal static async Task<List<RfmInput>> BuyersAsync(DbConnection connection, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT profile_id, name, occurred_at, properties FROM nopsegments_events " +
            "WHERE name IN ('order_placed', 'order_refunded') AND occurred_at <= @asOf";
        command.AddParameter("@asOf", asOf.UtcDateTime);
        var buyers = new Dictionary<long, (DateTime Last, int Orders, decimal Spent)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (last, orders, spent) = buyers.GetValueOrDefault(reader.GetInt64(0));
            var value = Value(reader.GetString(3));
            if (reader.GetString(1) == EventNames.OrderPlaced)
            {
                var at = reader.GetDateTime(2);
                buyers[reader.GetInt64(0)] = (at > last ? at : last, orders + 1, spent + value);
            }
            else
            {
                buyers[reader.GetInt64(0)] = (last, orders, spent - value);
            }
        }
        return [.. buyers.Where(b => b.Value.Orders > 0).Select(b => new RfmInput(
            b.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new DateTimeOffset(DateTime.SpecifyKind(b.Value.Last, DateTimeKind.Utc)), b.Value.Orders, b.Value.Spent))];
    }

    private static decimal Value(string properties)
    {
        using var json = JsonDocument.Parse(properties);
        return json.RootElement.TryGetProperty("value", out var v) && v.TryGetDecimal(out var d) ? d : 0;
    }
}
