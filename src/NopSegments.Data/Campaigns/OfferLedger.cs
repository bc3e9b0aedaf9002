using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Campaigns;

/// <summary>What a person's offers need from the database: who they are, their segments, and what they had of each campaign.</summary>
internal sealed record OfferPerson(
    string VisitorId, string? CustomerId, IReadOnlySet<string> Segments, IReadOnlyDictionary<string, CampaignExposure> Exposure, IReadOnlyDictionary<string, string> Codes)
{
    /// <summary>True while the person has had no session before this one.</summary>
    public bool FirstSession { get; init; } = true;

    /// <summary>What their cart holds, as the store's cart events have told the module.</summary>
    public decimal CartValue { get; init; }

    /// <summary>The key that keeps a person's variant: the customer id once known, else the visitor id.</summary>
    public string Key => CustomerId ?? VisitorId;
}

/// <summary>A report on a served offer: viewed, clicked or closed.</summary>
internal enum OfferAction { Viewed, Clicked, Closed }

/// <summary>
/// The served offers: each decision to show one is kept with a token, and the browser's reports of views, clicks and
/// closes only count when they name a token served to the same visitor. A person's caps and stops are read from here,
/// across their sessions and (once identified) devices.
/// </summary>
internal sealed class OfferLedger(SegmentsDbContextFactory contexts)
{
    /// <summary>A report as recorded: the serve it names, and whether it was the first of its kind for that serve.</summary>
    public sealed record Marked(OfferServe Serve, bool First);

    /// <summary>
    /// The person behind a visitor id: their key (customer id once known, else the visitor id), saved segments, and per
    /// campaign the views this session, in the last 24 hours and in all, whether they closed it, and whether they
    /// ordered within <paramref name="windows"/>' conversion window (by campaign) after a view.
    /// </summary>
    public async Task<OfferPerson> PersonAsync(string visitorId, string sessionId, IReadOnlyDictionary<string, TimeSpan> windows, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var profile = await db.Identities.AsNoTracking().Where(i => i.VisitorId == visitorId)
            .Join(db.Profiles, i => i.ProfileId, p => p.Id, (i, p) => new { p.Id, p.CustomerId, p.SessionsCount, p.CartValue }).SingleOrDefaultAsync(ct);
        List<string> visitors = [visitorId];
        var segments = new HashSet<string>(StringComparer.Ordinal);
        if (profile is not null)
        {
            visitors = await db.Identities.AsNoTracking().Where(i => i.ProfileId == profile.Id).Select(i => i.VisitorId).ToListAsync(ct);
            if (!visitors.Contains(visitorId))
                visitors.Add(visitorId);
            segments.UnionWith(await db.SegmentMembers.AsNoTracking().Where(m => m.ProfileId == profile.Id)
                .Join(db.Segments, m => m.SegmentId, s => s.Id, (m, s) => s.Slug).ToListAsync(ct));
        }
        var dayAgo = now.AddDays(-1);
        var had = await db.Set<OfferServe>().AsNoTracking().Where(o => visitors.Contains(o.VisitorId) && o.ViewedAt != null)
            .GroupBy(o => o.Campaign)
            .Select(g => new
            {
                Campaign = g.Key, Session = g.Count(o => o.SessionId == sessionId), Today = g.Count(o => o.ViewedAt >= dayAgo), Total = g.Count(),
                Closed = g.Max(o => o.ClosedAt), First = g.Min(o => o.ViewedAt)!.Value, Last = g.Max(o => o.ViewedAt)!.Value,
            }).ToListAsync(ct);
        var codes = await db.Set<OfferServe>().AsNoTracking().Where(o => visitors.Contains(o.VisitorId) && o.DiscountCode != null)
            .Select(o => new { o.Campaign, o.DiscountCode }).ToListAsync(ct);
        var orders = new List<DateTime>();
        if (profile is not null && had.Count > 0)
        {
            var since = had.Min(h => h.First);
            orders = await db.Events.AsNoTracking().Where(e => e.ProfileId == profile.Id && e.Name == EventNames.OrderPlaced && e.OccurredAt > since)
                .Select(e => e.OccurredAt).ToListAsync(ct);
        }
        var exposure = had.ToDictionary(h => h.Campaign, h =>
        {
            var window = windows.GetValueOrDefault(h.Campaign, TimeSpan.FromDays(7));
            return new CampaignExposure(h.Session, h.Today, h.Total, h.Closed is not null, orders.Exists(t => t > h.First && t <= h.Last + window));
        }, StringComparer.Ordinal);
        return new OfferPerson(visitorId, profile?.CustomerId, segments, exposure,
            codes.GroupBy(c => c.Campaign).ToDictionary(g => g.Key, g => g.First().DiscountCode!, StringComparer.Ordinal))
        {
            FirstSession = profile is null || profile.SessionsCount <= 1,
            CartValue = (decimal)(profile?.CartValue ?? 0),
        };
    }

    /// <summary>
    /// The person of a profile (by its number, or its customer's id) as the offers see them, for the admin's preview; null
    /// when there is no such profile.
    /// </summary>
    public async Task<OfferPerson?> PersonOfAsync(string who, IReadOnlyDictionary<string, TimeSpan> windows, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var profileId = long.TryParse(who, out var id) && await db.Profiles.AnyAsync(p => p.Id == id, ct) ? id
            : await db.Profiles.Where(p => p.CustomerId == who).Select(p => (long?)p.Id).SingleOrDefaultAsync(ct);
        var visitor = await db.Identities.AsNoTracking().Where(i => i.ProfileId == profileId).Select(i => i.VisitorId).FirstOrDefaultAsync(ct);
        return visitor is null ? null : await PersonAsync(visitor, "", windows, now, ct);
    }

    /// <summary>
    /// Records a report on a serve (as its signed token describes it, so it need not have been stored before); returns the
    /// stored serve and whether this was the first report of its kind for it.
    /// </summary>
    public async Task<Marked> MarkAsync(OfferServe served, OfferAction action, DateTime at, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var serve = await FindOrAddAsync(db, served, ct);
        var first = action switch
        {
            OfferAction.Viewed => serve.ViewedAt is null,
            OfferAction.Clicked => serve.ClickedAt is null,
            _ => serve.ClosedAt is null,
        };
        // A click or a close shows the offer was on screen, whether or not its view was reported.
        serve.ViewedAt ??= at;
        if (action == OfferAction.Clicked)
            serve.ClickedAt ??= at;
        if (action == OfferAction.Closed)
            serve.ClosedAt ??= at;
        await db.SaveChangesAsync(ct);
        return new Marked(serve, first);
    }

    /// <summary>Keeps the code issued to the person with the serve that showed it.</summary>
    public async Task KeepCodeAsync(OfferServe served, string code, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var serve = await FindOrAddAsync(db, served, ct);
        serve.DiscountCode = code;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<OfferServe> FindOrAddAsync(SegmentsDbContext db, OfferServe served, CancellationToken ct)
    {
        var serve = await db.Set<OfferServe>().SingleOrDefaultAsync(o => o.Token == served.Token, ct);
        if (serve is not null)
            return serve;
        var row = new OfferServe
        {
            Token = served.Token, Campaign = served.Campaign, Variant = served.Variant, Slot = served.Slot, VisitorId = served.VisitorId,
            SessionId = served.SessionId, ServedAt = served.ServedAt,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return row;
        }
        catch (DbUpdateException)
        {
            // The browser's report and the page's code raced to store the same serve: read the one that won.
            db.ChangeTracker.Clear();
            return await db.Set<OfferServe>().SingleAsync(o => o.Token == served.Token, ct);
        }
    }
}
