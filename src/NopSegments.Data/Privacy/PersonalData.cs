using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NopSegments.Privacy;

namespace NopSegments.Data.Privacy;

/// <summary>Export and erase one person's rows in every module table.</summary>
internal sealed class PersonalData(SegmentsDbContextFactory contexts, TimeProvider clock) : IPersonalData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<string?> ExportAsync(string customerOrVisitorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerOrVisitorId);
        await using var db = contexts.Create();
        return await ExportAsync(db, await PersonRows.FindAsync(db, customerOrVisitorId, cancellationToken), cancellationToken);
    }

    /// <summary>The admin's export: the person behind a profile.</summary>
    public async Task<string?> ExportProfileAsync(long profileId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await ExportAsync(db, await PersonRows.OfProfileAsync(db, profileId, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> EraseAsync(string customerOrVisitorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerOrVisitorId);
        await using var db = contexts.Create();
        return await EraseAsync(db, await PersonRows.FindAsync(db, customerOrVisitorId, cancellationToken), cancellationToken);
    }

    /// <summary>The admin's erase: the person behind a profile.</summary>
    public async Task<IReadOnlyDictionary<string, int>> EraseProfileAsync(long profileId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await EraseAsync(db, await PersonRows.OfProfileAsync(db, profileId, cancellationToken), cancellationToken);
    }

    private async Task<string?> ExportAsync(SegmentsDbContext db, PersonRows person, CancellationToken cancellationToken)
    {
        if (person.IsEmpty)
            return null;
        var id = person.ProfileId;
        var events = await db.Events.AsNoTracking().Where(e => e.ProfileId == id).OrderBy(e => e.OccurredAt).ToListAsync(cancellationToken);
        var document = new JsonObject
        {
            ["exportedAt"] = clock.GetUtcNow(),
            ["customerId"] = person.CustomerId,
            ["visitorIds"] = Node(person.VisitorIds),
            ["profile"] = Node(await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)),
            ["profileState"] = await db.ProfileStates.AsNoTracking().Where(s => s.ProfileId == id).Select(s => s.State)
                .FirstOrDefaultAsync(cancellationToken) is { } state ? JsonNode.Parse(state) : null,
            ["identities"] = Node(await db.Identities.AsNoTracking().Where(i => i.ProfileId == id).ToListAsync(cancellationToken)),
            ["profileMerges"] = Node(await db.ProfileMerges.AsNoTracking().Where(m => m.IntoProfileId == id || m.FromProfileId == id).ToListAsync(cancellationToken)),
            // Each event's properties as JSON, not as the text they are kept in.
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode?)new JsonObject
            {
                ["eventId"] = e.EventId, ["name"] = e.Name, ["visitorId"] = e.VisitorId, ["customerId"] = e.CustomerId, ["sessionId"] = e.SessionId,
                ["occurredAt"] = e.OccurredAt, ["recordedAt"] = e.RecordedAt, ["properties"] = JsonNode.Parse(e.Properties),
            })]),
            ["segmentMemberships"] = Node(await db.SegmentMembers.AsNoTracking().Where(m => m.ProfileId == id)
                .Join(db.Segments, m => m.SegmentId, s => s.Id, (m, s) => new { s.Slug, m.Since }).ToListAsync(cancellationToken)),
            ["segmentTransitions"] = Node(await db.SegmentTransitions.AsNoTracking().Where(t => t.ProfileId == id)
                .Join(db.Segments, t => t.SegmentId, s => s.Id, (t, s) => new { s.Slug, t.Kind, t.At, t.Reason, t.EventId, t.Version })
                .OrderBy(t => t.At).ToListAsync(cancellationToken)),
            ["segmentChecks"] = Node(await db.SegmentChecks.AsNoTracking().Where(c => c.ProfileId == id)
                .Join(db.Segments, c => c.SegmentId, s => s.Id, (c, s) => new { s.Slug, c.DueAt }).ToListAsync(cancellationToken)),
            ["refusedEvents"] = Node(await KeptEvents(db, person).AsNoTracking().ToListAsync(cancellationToken)),
            ["flowEntries"] = Node(await db.FlowEntries.AsNoTracking().Where(e => e.ProfileId == id).OrderBy(e => e.EnteredAt).ToListAsync(cancellationToken)),
            ["flowSends"] = Node(await db.FlowSends.AsNoTracking().Where(s => s.ProfileId == id).OrderBy(s => s.SentAt).ToListAsync(cancellationToken)),
            ["offersServed"] = Node(await OffersServed(db, person).AsNoTracking().OrderBy(o => o.ServedAt).ToListAsync(cancellationToken)),
        };
        return document.ToJsonString(Json);
    }

    private static async Task<IReadOnlyDictionary<string, int>> EraseAsync(SegmentsDbContext db, PersonRows person, CancellationToken cancellationToken)
    {
        var erased = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (person.IsEmpty)
            return erased;
        var id = person.ProfileId;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        erased["events"] = await db.Events.Where(e => e.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["segment_members"] = await db.SegmentMembers.Where(m => m.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["segment_checks"] = await db.SegmentChecks.Where(c => c.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["segment_transitions"] = await db.SegmentTransitions.Where(t => t.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["profile_merges"] = await db.ProfileMerges.Where(m => m.IntoProfileId == id || m.FromProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["identities"] = await db.Identities.Where(i => i.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["dead_letters"] = await KeptEvents(db, person).ExecuteDeleteAsync(cancellationToken);
        erased["flow_sends"] = await db.FlowSends.Where(s => s.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["flow_entries"] = await db.FlowEntries.Where(e => e.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["offer_serves"] = await OffersServed(db, person).ExecuteDeleteAsync(cancellationToken);
        // The fold state is the profile's own (one row beside it), counted with it.
        await db.ProfileStates.Where(s => s.ProfileId == id).ExecuteDeleteAsync(cancellationToken);
        erased["profiles"] = await db.Profiles.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return erased;
    }

    private static IQueryable<Campaigns.OfferServe> OffersServed(SegmentsDbContext db, PersonRows person)
    {
        var visitors = person.VisitorIds.ToList();
        return db.Set<Campaigns.OfferServe>().Where(o => visitors.Contains(o.VisitorId));
    }

    private static IQueryable<Tracking.DeadLetter> KeptEvents(SegmentsDbContext db, PersonRows person)
    {
        var visitors = person.VisitorIds.ToList();
        var customer = person.CustomerId;
        return db.DeadLetters.Where(d => visitors.Contains(d.VisitorId) || (customer != null && d.CustomerId == customer));
    }

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json);
}
