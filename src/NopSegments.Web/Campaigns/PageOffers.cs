using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Campaigns;
using NopSegments.Hosting;
using NopSegments.Web.Hosting;
using NopSegments.Web.Visitors;

namespace NopSegments.Web.Campaigns;

/// <summary>What the host says about the page: its type (product, category, home, cart, checkout, …) and category.</summary>
public sealed record PageFacts(string? PageType, string? Category);

/// <summary>
/// Decides a page's offers for the request's visitor: the live campaigns and the person's segments and history come from
/// memory (<see cref="LiveCampaigns"/>, <see cref="OfferPeople"/>), the visit from the session cookie; each decision gets
/// a signed token. Visitors the shop may not track get no offers (nothing could be recorded for them).
/// </summary>
internal sealed class PageOffers(LiveCampaigns campaigns, OfferPeople people, OfferTokens tokens, OfferLedger ledger, ModuleState state, TimeProvider clock)
{
    /// <summary>A slot's offer for this visitor: the decision (the holdout's has no content) and its token.</summary>
    public sealed record Decided(OfferDecision Decision, OfferTokens.Served Served, string Token)
    {
        public CampaignTrigger Trigger => Decision.Campaign.Trigger;
    }

    public async Task<IReadOnlyList<Decided>> DecideAsync(HttpContext http, PageFacts page, IReadOnlyCollection<string> slots, CancellationToken ct)
    {
        if (!state.IsInstalled || slots.Count == 0)
            return [];
        var live = await campaigns.GetAsync(ct);
        if (!slots.Any(live.Decider.HasSlot))
            return [];
        var visitor = http.RequestServices.GetRequiredService<ICurrentVisitor>();
        if (!visitor.MayTrack)
            return [];
        var session = visitor.Session;
        var person = await people.GetAsync(visitor.VisitorId, session.Id, live.Windows, ct);
        var visit = new VisitFacts(page.PageType, page.Category, session.UtmSource, session.UtmCampaign, session.Device, person.FirstSession, person.CartValue);
        var decisions = live.Decider.Decide(visit, new PersonFacts(person.Key, person.Segments, person.Exposure), clock.GetUtcNow(), slots);
        return [.. decisions.Select(d =>
        {
            var served = tokens.New(d.Campaign.Slug, d.Variant, d.Campaign.Placement.Slot, visitor.VisitorId, session.Id);
            return new Decided(d, served, tokens.Protect(served));
        })];
    }

    /// <summary>
    /// The offer's HTML as this person sees it, issuing their own single-use code through the host first when the
    /// campaign gives one and they have none yet; null for the holdout.
    /// </summary>
    public async Task<string?> RenderAsync(HttpContext http, OfferTokens.Served served, string token, CampaignDefinition campaign, CancellationToken ct)
    {
        if (served.Variant is null)
            return null;
        var content = campaign.Variants.FirstOrDefault(v => v.Name == served.Variant)?.Content ?? campaign.Content;
        string? code = null;
        if (campaign.Discount is { } discount)
        {
            var live = await campaigns.GetAsync(ct);
            var person = await people.GetAsync(served.VisitorId, served.SessionId, live.Windows, ct);
            code = person.Codes.GetValueOrDefault(campaign.Slug);
            if (code is null && http.RequestServices.GetService<IDiscountIssuer>() is { } issuer)
            {
                var prefix = new string([.. campaign.Slug.Where(char.IsAsciiLetterOrDigit).Take(10)]);
                var issued = await issuer.IssueSingleUseCodeAsync(new DiscountRequest(discount.Percent, clock.GetUtcNow() + discount.Valid, prefix), ct);
                code = issued.Code;
                await ledger.KeepCodeAsync(Row(served), code, ct);
                people.Issued(served.VisitorId, campaign.Slug, code);
            }
        }
        return OfferMarkup.Render(content, token, served.Slot, code);
    }

    public static OfferServe Row(OfferTokens.Served served) => new()
    {
        Token = served.Id, Campaign = served.Campaign, Variant = served.Variant, Slot = served.Slot, VisitorId = served.VisitorId,
        SessionId = served.SessionId, ServedAt = served.ServedAt.UtcDateTime,
    };
}
