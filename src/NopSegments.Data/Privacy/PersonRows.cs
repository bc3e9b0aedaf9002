using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Privacy;

/// <summary>
/// Which rows belong to one person: their profile (found by customer id, else by visitor id) and every visitor id that
/// profile has had. Dead letters are found by those ids, since a refused event has no profile.
/// </summary>
internal sealed record PersonRows(long? ProfileId, string? CustomerId, IReadOnlyList<string> VisitorIds)
{
    public bool IsEmpty => ProfileId is null && VisitorIds.Count == 0 && CustomerId is null;

    public static async Task<PersonRows> FindAsync(SegmentsDbContext db, string key, CancellationToken ct)
    {
        var profile = await db.Profiles.AsNoTracking().Where(p => p.CustomerId == key).Select(p => new { p.Id, p.CustomerId }).FirstOrDefaultAsync(ct)
            ?? await db.Identities.AsNoTracking().Where(i => i.VisitorId == key)
                .Join(db.Profiles, i => i.ProfileId, p => p.Id, (i, p) => new { p.Id, p.CustomerId }).FirstOrDefaultAsync(ct);
        if (profile is null)
        {
            // No profile: a refused event may still name the person.
            var kept = await db.DeadLetters.AnyAsync(d => d.VisitorId == key || d.CustomerId == key, ct);
            return kept ? new PersonRows(null, key, [key]) : new PersonRows(null, null, []);
        }
        return await WithVisitorsAsync(db, profile.Id, profile.CustomerId, ct);
    }

    public static async Task<PersonRows> OfProfileAsync(SegmentsDbContext db, long profileId, CancellationToken ct)
    {
        var customer = await db.Profiles.AsNoTracking().Where(p => p.Id == profileId).Select(p => new { p.CustomerId }).FirstOrDefaultAsync(ct);
        return customer is null ? new PersonRows(null, null, []) : await WithVisitorsAsync(db, profileId, customer.CustomerId, ct);
    }

    private static async Task<PersonRows> WithVisitorsAsync(SegmentsDbContext db, long profileId, string? customerId, CancellationToken ct)
    {
        var visitors = await db.Identities.AsNoTracking().Where(i => i.ProfileId == profileId).Select(i => i.VisitorId).ToListAsync(ct);
        return new PersonRows(profileId, customerId, visitors);
    }
}
