using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NopSegments.Data.Campaigns;
using NopSegments.Web.Campaigns;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>
/// The campaigns' admin: the list, the editor (the definition's JSON, checked on save with the error's line, and a live
/// preview as a chosen profile would see it), status changes, copies, and each campaign's results.
/// </summary>
internal static class CampaignEndpoints
{
    public static void MapCampaignPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("/campaigns", ListAsync);
        admin.MapGet("/campaigns/new", New);
        admin.MapPost("/campaigns", SaveAsync);
        admin.MapPost("/campaigns/preview", CampaignPreviewEndpoint.PreviewAsync);
        admin.MapGet("/campaigns/{slug}", ShowAsync);
        admin.MapPost("/campaigns/{slug}/status", StatusAsync);
        admin.MapPost("/campaigns/{slug}/duplicate", DuplicateAsync);
    }

    public static async Task<Results<RazorComponentResult<CampaignsPage>, RazorComponentResult<NotInstalledPage>>> ListAsync(
        ModuleState state, CampaignOverview overview, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });
        return new RazorComponentResult<CampaignsPage>(new { Campaigns = await overview.ListAsync(ct), paths.AdminPath, paths.AssetsPath });
    }

    public static RazorComponentResult<CampaignPage> New(HttpContext http, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options) =>
        Page(http, antiforgery, options.Value, new CampaignView(null, CampaignStarter.Json, null, null, null, [], []));

    public static async Task<Results<RazorComponentResult<CampaignPage>, NotFound<string>>> ShowAsync(
        string slug, string? saved, HttpContext http, CampaignOverview overview, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (await overview.ViewAsync(slug, ct) is not { } view)
            return TypedResults.NotFound($"There is no campaign '{slug}'.");
        return Page(http, antiforgery, options.Value, view with { Notice = saved is null ? null : "Saved." });
    }

    public static async Task<Results<RazorComponentResult<CampaignPage>, RedirectHttpResult, BadRequest<string>>> SaveAsync(
        HttpContext http, CampaignStore store, CampaignOverview overview, LiveCampaigns live, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var json = (await http.Request.ReadFormAsync(ct))["definition"].ToString();
        try
        {
            await store.SaveAsync(json, ct);
        }
        catch (CampaignDefinitionException ex)
        {
            var slug = TrySlug(json);
            var known = slug is null ? null : await overview.ViewAsync(slug, ct);
            var view = (known ?? new CampaignView(null, json, null, null, null, [], [])) with { Json = json, Problem = $"Line {JsonLines.LineOf(json, ex.Path)}: {ex.Message}" };
            return Page(http, antiforgery, options.Value, view, StatusCodes.Status400BadRequest);
        }
        live.Invalidate();
        return TypedResults.Redirect($"{options.Value.AdminPath}/campaigns/{TrySlug(json)}?saved=1");
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>>> StatusAsync(
        string slug, HttpContext http, CampaignStore store, LiveCampaigns live, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var status = (await http.Request.ReadFormAsync(ct))["status"].ToString();
        if (!StoredCampaign.Statuses.Contains(status))
            return TypedResults.BadRequest($"'{status}' is not a status: use {string.Join(", ", StoredCampaign.Statuses)}");
        if (!await store.SetStatusAsync(slug, status, ct))
            return TypedResults.NotFound($"There is no campaign '{slug}'.");
        live.Invalidate();
        return TypedResults.Redirect($"{options.Value.AdminPath}/campaigns/{slug}");
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>>> DuplicateAsync(
        string slug, HttpContext http, CampaignStore store, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        return await store.DuplicateAsync(slug, ct) is { } copy
            ? TypedResults.Redirect($"{options.Value.AdminPath}/campaigns/{copy}")
            : TypedResults.NotFound($"There is no campaign '{slug}'.");
    }

    private static RazorComponentResult<CampaignPage> Page(HttpContext http, IAntiforgery antiforgery, NopSegmentsOptions paths, CampaignView view, int status = 200) =>
        new(new { View = view, Token = antiforgery.GetAndStoreTokens(http).RequestToken ?? "", paths.AdminPath, paths.AssetsPath }) { StatusCode = status };

    private static string? TrySlug(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })?["slug"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
