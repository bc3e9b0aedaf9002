using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;
using NopSegments.Web.Privacy;

namespace NopSegments.Web.Admin;

/// <summary>A profile page's privacy actions: download everything the module holds about the person, or erase it all.</summary>
internal static class PersonalDataEndpoints
{
    public static async Task<Results<FileContentHttpResult, NotFound<string>>> ExportAsync(long id, FlushedPersonalData data, CancellationToken ct)
    {
        if (await data.ExportProfileAsync(id, ct) is not { } json)
            return TypedResults.NotFound($"No profile {id}: it may have been erased or merged into a customer's profile.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"nopsegments-profile-{id}.json");
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>>> EraseAsync(
        long id, HttpContext http, FlushedPersonalData data, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var erased = await data.EraseProfileAsync(id, ct);
        if (erased.Count == 0)
            return TypedResults.NotFound($"No profile {id}: it may have been erased or merged into a customer's profile.");
        var notice = $"Erased profile {id}: {string.Join(", ", erased.Where(t => t.Value > 0).Select(t => $"{t.Value:N0} {t.Key.Replace('_', ' ')}"))}.";
        return TypedResults.Redirect($"{options.Value.AdminPath}/profiles?notice={Uri.EscapeDataString(notice)}");
    }
}
