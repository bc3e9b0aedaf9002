using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NopSegments.Data.Flows;
using NopSegments.Web.Flows;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Admin;

/// <summary>The Flows page: the abandoned-cart flow's settings and templates, and what it has done.</summary>
internal static class FlowEndpoints
{
    private const int MaxTemplateLength = 4_000;

    public static async Task<Results<RazorComponentResult<FlowsPage>, RazorComponentResult<NotInstalledPage>>> ShowAsync(
        string? saved, HttpContext http, ModuleState state, ModuleSettings settings, FlowStore flows, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { options.Value.AdminPath, options.Value.AssetsPath });
        return await PageAsync(FlowForm.From(settings.All), saved, null, http, flows, antiforgery, options.Value, ct);
    }

    public static async Task<Results<RazorComponentResult<FlowsPage>, RedirectHttpResult, BadRequest<string>>> SaveAsync(
        HttpContext http, ModuleSettings settings, FlowStore flows, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = await http.Request.ReadFormAsync(ct);
        var typed = new FlowForm(form["enabled"] == "true", form["delays"].ToString(), form["reentry"].ToString(), form["quiet_hours"].ToString(),
            form["time_zone"].ToString(), form["frequency_cap"].ToString(), form["subject"].ToString(), form["html"].ToString(), form["text"].ToString())
        {
            Discount = (form["discount_step"].ToString(), form["discount_percent"].ToString() is { Length: > 0 } p ? p : "10",
                form["discount_valid"].ToString() is { Length: > 0 } v ? v : "7d"),
        };
        if (Problem(typed, settings) is { } problem)
            return await PageAsync(typed, null, problem, http, flows, antiforgery, options.Value, ct, StatusCodes.Status400BadRequest);
        // Saved to the settings table: the next run of the flows reads them, on every web node, without a restart.
        await settings.SetAsync(typed.Settings, ct);
        return TypedResults.Redirect($"{options.Value.AdminPath}/flows?saved=1");
    }

    private static string? Problem(FlowForm typed, ModuleSettings settings)
    {
        var merged = new Dictionary<string, string>(settings.All);
        foreach (var (key, value) in typed.Settings)
            merged[key] = value;
        try
        {
            FlowSettings.Read(merged);
        }
        catch (FlowSettingsException ex)
        {
            return ex.Message;
        }
        foreach (var (name, template) in new[] { ("subject", typed.Subject), ("HTML", typed.Html), ("text", typed.Text) })
        {
            if (template.Length > MaxTemplateLength)
                return $"The {name} template is {template.Length:N0} characters; the limit is {MaxTemplateLength:N0}.";
            if (template.Length > 0 && FlowMessages.Problem(template) is { } error)
                return $"The {name} template does not parse: {error}";
        }
        return null;
    }

    private static async Task<RazorComponentResult<FlowsPage>> PageAsync(
        FlowForm form, string? saved, string? problem, HttpContext http, FlowStore flows, IAntiforgery antiforgery, NopSegmentsOptions paths,
        CancellationToken ct, int status = StatusCodes.Status200OK) =>
        new(new
        {
            Form = form, Saved = saved is not null, Problem = problem, Stats = await flows.StatsAsync(FlowStore.AbandonedCart, ct),
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!, paths.AdminPath, paths.AssetsPath,
        }) { StatusCode = status };
}
