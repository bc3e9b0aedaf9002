using Microsoft.Extensions.Caching.Memory;
using NopSegments.Data.Campaigns;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// What the offers know of each recent visitor — their segments, cart value and what they had of each campaign — held in
/// memory so a page's decision needs no database round trip. An entry is read again when the visitor's segments or person
/// change (the event writer says so, as it does for their orders and cart changes), when their session changes, and after
/// a minute (time windows passing, other nodes). Views, closes and codes this node records update the entry in place.
/// </summary>
internal sealed class OfferPeople(OfferLedger ledger, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    private sealed record Entry(string SessionId, OfferPerson Person, DateTimeOffset LoadedAt);

    public async ValueTask<OfferPerson> GetAsync(string visitorId, string sessionId, IReadOnlyDictionary<string, TimeSpan> windows, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(visitorId, out Entry? entry) && entry!.SessionId == sessionId && now - entry.LoadedAt < Fresh)
            return entry.Person;
        var person = await ledger.PersonAsync(visitorId, sessionId, windows, now.UtcDateTime, ct);
        Keep(visitorId, new Entry(sessionId, person, now));
        return person;
    }

    public void Forget(IEnumerable<string> visitorIds)
    {
        foreach (var id in visitorIds)
            cache.Remove(id);
    }

    public void Viewed(string visitorId, string campaign) => Change(visitorId, person =>
    {
        var had = person.Exposure.GetValueOrDefault(campaign) ?? new CampaignExposure(0, 0, 0, false, false);
        return person with { Exposure = With(person.Exposure, campaign, had with { ThisSession = had.ThisSession + 1, Today = had.Today + 1, Total = had.Total + 1 }) };
    });

    public void Closed(string visitorId, string campaign) => Change(visitorId, person =>
    {
        var had = person.Exposure.GetValueOrDefault(campaign) ?? new CampaignExposure(1, 1, 1, false, false);
        return person with { Exposure = With(person.Exposure, campaign, had with { Closed = true }) };
    });

    public void Issued(string visitorId, string campaign, string code) =>
        Change(visitorId, person => person with { Codes = new Dictionary<string, string>(person.Codes, StringComparer.Ordinal) { [campaign] = code } });

    public void Dispose() => cache.Dispose();

    private void Change(string visitorId, Func<OfferPerson, OfferPerson> change)
    {
        if (cache.TryGetValue(visitorId, out Entry? entry))
            Keep(visitorId, entry! with { Person = change(entry.Person) });
    }

    private void Keep(string visitorId, Entry entry) =>
        cache.Set(visitorId, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Fresh + Fresh });

    private static Dictionary<string, CampaignExposure> With(IReadOnlyDictionary<string, CampaignExposure> exposure, string campaign, CampaignExposure had) =>
        new(exposure, StringComparer.Ordinal) { [campaign] = had };
}
