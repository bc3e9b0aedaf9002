using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Language;
using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Data.Profiles;

/// <summary>
/// Every profile as a query sees it at an instant, folded from the stored events up to then, streamed one
/// profile at a time (a profile without an event by then does not exist for the query).
/// </summary>
internal sealed class ProfileSnapshots(SegmentsDbContextFactory contexts)
{
    public async IAsyncEnumerable<ProfileSnapshot> ReadAsync(DateTimeOffset asOf, long? onlyProfile, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var (_, snapshot) in ReadWithIdsAsync(asOf, onlyProfile, ct))
            yield return snapshot;
    }

    /// <summary>The snapshots with their profile ids, in profile id order.</summary>
    public IAsyncEnumerable<(long Id, ProfileSnapshot Snapshot)> ReadWithIdsAsync(
        DateTimeOffset asOf, long? onlyProfile = null, CancellationToken ct = default) => ReadWithIdsAsync(asOf, onlyProfile, true, ct);

    /// <summary>
    /// One profile now, with its saved segments' memberships, for a query that reads RFM scores only when
    /// <paramref name="withRfm"/> (scoring ranks every buyer); null when it has no event by then.
    /// </summary>
    public async Task<ProfileSnapshot?> OneAsync(long profileId, DateTimeOffset asOf, bool withRfm, CancellationToken ct)
    {
        await foreach (var (_, snapshot) in ReadWithIdsAsync(asOf, profileId, withRfm, ct))
        {
            await using var db = contexts.Create();
            var slugs = await db.SegmentMembers.Where(m => m.ProfileId == profileId)
                .Join(db.Segments, m => m.SegmentId, s => s.Id, (m, s) => s.Slug).ToListAsync(ct);
            return snapshot with { Segments = slugs.ToHashSet(StringComparer.Ordinal) };
        }
        return null;
    }

    private async IAsyncEnumerable<(long Id, ProfileSnapshot Snapshot)> ReadWithIdsAsync(
        DateTimeOffset asOf, long? onlyProfile, bool withRfm, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = SqlDialect.For(contexts.Provider).Open(contexts.ConnectionString);
        var identities = await IdentitiesAsync(connection, onlyProfile, ct);
        var rfm = withRfm ? RfmScorer.Score(await ProfileQueries.BuyersAsync(connection, asOf, ct)) : new Dictionary<string, RfmScore>();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT profile_id, event_id, name, visitor_id, customer_id, session_id, occurred_at, properties FROM nopsegments_events " +
            "WHERE occurred_at <= @asOf" + (onlyProfile is null ? "" : " AND profile_id = @profile") + " ORDER BY profile_id, occurred_at, id";
        command.AddParameter("@asOf", asOf.UtcDateTime);
        if (onlyProfile is { } only)
            command.AddParameter("@profile", only);
        await using var reader = await command.ExecuteReaderAsync(ct);
        long? current = null;
        var events = new List<StoreEvent>();
        while (await reader.ReadAsync(ct))
        {
            var profile = reader.GetInt64(0);
            if (profile != current && current is { } done)
            {
                yield return (done, Snapshot(done, events, asOf, identities, rfm));
                events = [];
            }
            current = profile;
            events.Add(StoredEventReader.Read(reader, 1));
        }
        if (current is { } last)
            yield return (last, Snapshot(last, events, asOf, identities, rfm));
    }

    private static ProfileSnapshot Snapshot(
        long id, List<StoreEvent> events, DateTimeOffset asOf, Dictionary<long, (string Key, string? Traits)> identities, IReadOnlyDictionary<string, RfmScore> rfm)
    {
        var fold = new ProfileAccumulator();
        foreach (var e in events)
            fold.Apply(e);
        var (key, traits) = identities.GetValueOrDefault(id, (id.ToString(CultureInfo.InvariantCulture), null));
        return new ProfileSnapshot(key, asOf, fold.ToAttributes(asOf), events)
        {
            Rfm = rfm.GetValueOrDefault(id.ToString(CultureInfo.InvariantCulture)),
            Traits = ProfileTraits.AsValues(traits),
        };
    }

    /// <summary>Each profile's key (its customer id, else its first visitor id) and stored traits.</summary>
    private static async Task<Dictionary<long, (string Key, string? Traits)>> IdentitiesAsync(DbConnection connection, long? onlyProfile, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, COALESCE(p.customer_id, (SELECT MIN(i.visitor_id) FROM nopsegments_identities i WHERE i.profile_id = p.id)), p.traits " +
            "FROM nopsegments_profiles p" + (onlyProfile is null ? "" : " WHERE p.id = @profile");
        if (onlyProfile is { } only)
            command.AddParameter("@profile", only);
        var identities = new Dictionary<long, (string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            identities[id] = (reader.IsDBNull(1) ? id.ToString(CultureInfo.InvariantCulture) : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return identities;
    }
}
