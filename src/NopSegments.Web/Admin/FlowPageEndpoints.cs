using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Hosting;
using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Admin;

/// <summary>One flow's page: its settings and templates, what it has done step by step with a chart, and its latest sends.</summary>
internal static class FlowPageEndpoints
{
    public static async Task<Results<RazorComponentResult<FlowPage>, RazorComponentResult<NotInstalledPage>, NotFound<string>>> ShowAsync(
        string key, string? saved, HttpContext http, ModuleState state, ModuleSettings settings, FlowReport report, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { options.Value.AdminPath, options.Value.AssetsPath });
        if (!Exists(key, settings))
            return TypedResults.NotFound($"There is no flow '{key}'.");
        return await PageAsync(key, FlowForm.From(settings.All, FlowForm.KeysOf(key)), saved is not null, null, null, http, report, antiforgery,
            options.Value, clock, ct);
    }

    public static async Task<Results<RazorComponentResult<FlowPage>, RedirectHttpResult, BadRequest<string>, NotFound<string>>> SaveAsync(
        string key, HttpContext http, ModuleSettings settings, SavedSegments segments, FlowReport report, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        if (!Exists(key, settings))
            return TypedResults.NotFound($"There is no flow '{key}'.");
        var form = FlowForm.Read(await http.Request.ReadFormAsync(ct), FlowForm.KeysOf(key), settings.All);
        if (await FlowChecks.ProblemAsync(form, settings, segments, ct) is { } problem)
            return await PageAsync(key, form, false, problem, null, http, report, antiforgery, options.Value, clock, ct, StatusCodes.Status400BadRequest);
        await settings.SetAsync(form.Settings, ct);
        return TypedResults.Redirect($"{options.Value.AdminPath}/flows/{key}?saved=1");
    }

    /// <summary>Deletes a custom flow: it stops at once (people in it get no further step); its history stays in the counts' tables.</summary>
    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>>> DeleteAsync(
        string key, HttpContext http, ModuleSettings settings, FlowStore flows, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var custom = FlowSettings.CustomKeys(settings.All);
        if (!custom.Contains(key))
            return TypedResults.NotFound($"There is no custom flow '{key}' (built-in flows are turned off, not deleted).");
        await settings.SetAsync([(FlowCatalog.CustomKey, string.Join(",", custom.Where(k => k != key)))], ct);
        await settings.RemoveAsync(FlowForm.KeysOf(key), ct);
        await flows.ExitFlowAsync(key, "flow_deleted", clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Redirect($"{options.Value.AdminPath}/flows");
    }

    internal static bool Exists(string key, ModuleSettings settings)
    {
        if (FlowCatalog.Find(key) is not null)
            return true;
        try
        {
            return FlowSettings.CustomKeys(settings.All).Contains(key);
        }
        catch (FlowSettingsException)
        {
            return false;
        }
    }

    internal static async Task<RazorComponentResult<FlowPage>> PageAsync(
        string key, FlowForm form, bool saved, string? problem, FlowPreview? preview, HttpContext http, FlowReport report, IAntiforgery antiforgery,
        NopSegmentsOptions paths, TimeProvider clock, CancellationToken ct, int status = StatusCodes.Status200OK) =>
        new(new
        {
            Key = key, BuiltInName = FlowCatalog.Find(key)?.Name, FlowCatalog.Find(key)?.Purpose, Form = form, Saved = saved, Problem = problem, Preview = preview,
            Stats = await report.StatsAsync(key, clock.GetUtcNow().UtcDateTime, ct),
            MailQueue = http.RequestServices.GetService<IEmailQueueStatus>() is { } queue ? await queue.ReadAsync(ct) : null,
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!, paths.AdminPath, paths.AssetsPath,
        }) { StatusCode = status };
}
