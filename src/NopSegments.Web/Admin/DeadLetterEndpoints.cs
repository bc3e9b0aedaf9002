using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NopSegments.Data.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;

namespace NopSegments.Web.Admin;

/// <summary>The events the database refused one by one: read them, try them again, or let them go.</summary>
internal static class DeadLetterEndpoints
{
    public static async Task<Results<RazorComponentResult<DeadLettersPage>, RazorComponentResult<NotInstalledPage>>> ListAsync(
        string? done, HttpContext http, ModuleState state, DeadLetters deadLetters, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });
        return new RazorComponentResult<DeadLettersPage>(new
        {
            Letters = await deadLetters.NewestAsync(200, ct),
            Total = await deadLetters.CountAsync(ct),
            Notice = done,
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!,
            paths.AdminPath,
            paths.AssetsPath,
        });
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>>> ActAsync(
        HttpContext http, DeadLetters deadLetters, DeadLetterRetry retry, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = await http.Request.ReadFormAsync(ct);
        IReadOnlyCollection<long>? ids = null;
        if (form["id"].Count > 0)
        {
            var parsed = form["id"].Select(v => long.TryParse(v, out var id) ? id : (long?)null).ToList();
            if (parsed.Contains(null))
                return TypedResults.BadRequest("Each id must be a kept event's number.");
            ids = [.. parsed.Select(id => id!.Value)];
        }
        string notice;
        switch (form["action"].ToString())
        {
            case "retry":
                var (stored, refused) = await retry.RunAsync(ids, ct);
                notice = $"Retried: {stored:N0} stored, {refused:N0} refused again.";
                break;
            case "discard":
                notice = $"Discarded {await deadLetters.DiscardAsync(ids, ct):N0}.";
                break;
            default:
                return TypedResults.BadRequest("Choose retry or discard.");
        }
        return TypedResults.Redirect($"{options.Value.AdminPath}/dead-letters?done={Uri.EscapeDataString(notice)}");
    }
}
