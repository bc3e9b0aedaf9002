using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Campaigns;
using NopSegments.Data.Segments;
using NopSegments.Hosting;
using NopSegments.Web.Campaigns;

namespace NopSegments.Web.Admin;

/// <summary>
/// The editor's live preview: the definition as typed (unsaved), its first problem with the line, and each variant's offer
/// as shoppers would get it in its slot — and, for a chosen profile (number, customer id or email), whether they would
/// see it now and which arm they fall in, or why not.
/// </summary>
internal static class CampaignPreviewEndpoint
{
    public sealed record Arm(string Name, string Html);

    public sealed record Preview(string? Problem, int? Line, string? Slot, IReadOnlyList<Arm> Arms, string? Verdict);

    private const string SampleCode = "SAMPLE-CODE1";

    public static async Task<Results<Ok<Preview>, BadRequest<string>>> PreviewAsync(
        HttpContext http, SavedSegments segments, OfferLedger ledger, LiveCampaigns live, IAntiforgery antiforgery, TimeProvider clock, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = await http.Request.ReadFormAsync(ct);
        var json = form["definition"].ToString();
        var who = form["who"].ToString().Trim();
        CampaignDefinition campaign;
        try
        {
            campaign = CampaignReader.Read(json, [.. (await segments.ListAsync(ct)).Select(s => s.Slug)]);
        }
        catch (CampaignDefinitionException ex)
        {
            return TypedResults.Ok(new Preview(ex.Message, JsonLines.LineOf(json, ex.Path), null, [], null));
        }
        var code = campaign.Discount is null ? null : SampleCode;
        var arms = campaign.Variants.Select(v => new Arm(v.Name, OfferMarkup.Render(v.Content ?? campaign.Content, "preview", campaign.Placement.Slot, code))).ToList();
        return TypedResults.Ok(new Preview(null, null, campaign.Placement.Slot, arms, who.Length == 0 ? null : await VerdictAsync(http, campaign, who, ledger, live, clock, ct)));
    }

    private static async Task<string> VerdictAsync(
        HttpContext http, CampaignDefinition campaign, string who, OfferLedger ledger, LiveCampaigns live, TimeProvider clock, CancellationToken ct)
    {
        if (who.Contains('@', StringComparison.Ordinal) && http.RequestServices.GetService<ICustomerDirectory>() is { } directory
            && await directory.FindByEmailAsync(who, ct) is { } customer)
            who = customer.CustomerId;
        var windows = new Dictionary<string, TimeSpan>((await live.GetAsync(ct)).Windows, StringComparer.Ordinal) { [campaign.Slug] = campaign.ConversionWindow };
        var now = clock.GetUtcNow();
        if (await ledger.PersonOfAsync(who, windows, now.UtcDateTime, ct) is not { } person)
            return $"No profile '{who}': enter a profile number, customer id or email.";
        var facts = new PersonFacts(person.Key, person.Segments, person.Exposure);
        if (CampaignDecider.Refusal(campaign, null, facts, now) is { } refusal)
            return $"Would not see it: {refusal}.";
        var arm = CampaignDecider.Assign(campaign, person.Key);
        var visit = Describe(campaign.Audience);
        return arm.IsHoldout
            ? $"In the holdout: sees nothing here{visit} (counted as a would-be view)."
            : $"Would see variant {arm.Variant}{visit}.";
    }

    private static string Describe(CampaignAudience audience)
    {
        var parts = new List<string>();
        if (audience.PageTypes.Count > 0)
            parts.Add($"on a {string.Join(" or ", audience.PageTypes)} page");
        if (audience.Categories.Count > 0)
            parts.Add($"in {string.Join(" or ", audience.Categories)}");
        if (audience.Devices.Count > 0)
            parts.Add($"on {string.Join(" or ", audience.Devices)}");
        if (audience.Session is { } session)
            parts.Add($"in a {session} session");
        return parts.Count == 0 ? "" : " " + string.Join(", ", parts);
    }
}
