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

/// <summary>
/// The Flows overview: every flow (built-in and custom) with what it has done, the rules all flows share (quiet hours,
/// time zone, frequency cap, conversion window), the SMS and webhook providers, and making a custom flow.
/// </summary>
internal static class FlowEndpoints
{
    public static async Task<Results<RazorComponentResult<FlowsPage>, RazorComponentResult<NotInstalledPage>>> ShowAsync(
        string? saved, HttpContext http, ModuleState state, ModuleSettings settings, FlowReport report, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { options.Value.AdminPath, options.Value.AssetsPath });
        return await PageAsync(FlowForm.From(settings.All, FlowForm.SharedKeys), saved is not null, null, null, http, settings, report, antiforgery,
            options.Value, clock, ct);
    }

    public static async Task<Results<RazorComponentResult<FlowsPage>, RedirectHttpResult, BadRequest<string>>> SaveAsync(
        HttpContext http, ModuleSettings settings, SavedSegments segments, FlowReport report, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = FlowForm.Read(await http.Request.ReadFormAsync(ct), FlowForm.SharedKeys, settings.All);
        if ((await FlowChecks.ProblemAsync(form, settings, segments, ct) ?? ChannelProblem(form)) is { } problem)
            return await PageAsync(form, false, problem, null, http, settings, report, antiforgery, options.Value, clock, ct, StatusCodes.Status400BadRequest);
        // Saved to the settings table: the next run of the flows reads them, on every web node, without a restart.
        await settings.SetAsync(form.Settings, ct);
        return TypedResults.Redirect($"{options.Value.AdminPath}/flows?saved=1");
    }

    /// <summary>Makes a custom flow (off, one email a day after its trigger) and opens its page.</summary>
    public static async Task<Results<RazorComponentResult<FlowsPage>, RedirectHttpResult, BadRequest<string>>> CreateAsync(
        HttpContext http, ModuleSettings settings, FlowReport report, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var posted = await http.Request.ReadFormAsync(ct);
        var (key, name) = (posted["key"].ToString().Trim(), posted["name"].ToString().Trim());
        var existing = FlowSettings.CustomKeys(settings.All);
        var problem = !FlowKeys.IsValid(key) ? $"'{key}' is not a flow key: use 2 to 48 lower-case letters, digits and _, starting with a letter."
            : FlowCatalog.Find(key) is not null || existing.Contains(key) ? $"There is already a flow '{key}'."
            : name.Length is 0 or > 100 ? "Give the flow a name of up to 100 characters."
            : null;
        if (problem is not null)
            return await PageAsync(FlowForm.From(settings.All, FlowForm.SharedKeys), false, null, problem, http, settings, report, antiforgery, options.Value, clock, ct,
                StatusCodes.Status400BadRequest);
        await settings.SetAsync([(FlowCatalog.CustomKey, string.Join(",", existing.Append(key))), ($"flows.{key}.name", name),
            ($"flows.{key}.trigger", "added_to_cart")], ct);
        return TypedResults.Redirect($"{options.Value.AdminPath}/flows/{key}");
    }

    private static string? ChannelProblem(FlowForm form)
    {
        foreach (var key in new[] { "channels.sms.url", "channels.webhook.url" })
        {
            if (form[key] is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
                return $"{key}: '{url}' is not an http or https address.";
        }
        return null;
    }

    private static async Task<RazorComponentResult<FlowsPage>> PageAsync(
        FlowForm form, bool saved, string? problem, string? createProblem, HttpContext http, ModuleSettings settings, FlowReport report,
        IAntiforgery antiforgery, NopSegmentsOptions paths, TimeProvider clock, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var text = new SettingText(settings.All);
        var rows = new List<FlowSummary>();
        IReadOnlyList<string> custom;
        try
        {
            custom = FlowSettings.CustomKeys(settings.All);
        }
        catch (FlowSettingsException ex)
        {
            (custom, problem) = ([], problem ?? ex.Message);
        }
        foreach (var key in FlowCatalog.BuiltIns.Select(b => b.Key).Concat(custom))
        {
            var stats = await report.StatsAsync(key, clock.GetUtcNow().UtcDateTime, ct);
            rows.Add(new FlowSummary(key, FlowCatalog.Find(key)?.Name ?? text[$"flows.{key}.name"], FlowCatalog.Find(key)?.Purpose ?? "Custom flow",
                text[$"flows.{key}.enabled"] == "true", text[$"flows.{key}.trigger"], text[$"flows.{key}.delays"], stats));
        }
        return new RazorComponentResult<FlowsPage>(new
        {
            Form = form, Flows = rows, Saved = saved, Problem = problem, CreateProblem = createProblem,
            MailQueue = http.RequestServices.GetService<IEmailQueueStatus>() is { } queue ? await queue.ReadAsync(ct) : null,
            SecretsSet = FlowForm.SecretKeys.Where(k => settings.All.GetValueOrDefault(k) is { Length: > 0 }).ToHashSet(),
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!, paths.AdminPath, paths.AssetsPath,
        }) { StatusCode = status };
    }
}

/// <summary>One line of the Flows overview.</summary>
public sealed record FlowSummary(string Key, string Name, string Purpose, bool Enabled, string Trigger, string Delays, FlowStats Stats);
