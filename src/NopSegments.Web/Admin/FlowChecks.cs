using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Web.Flows;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Admin;

/// <summary>What a flow form must pass before it is saved: every setting reads (segments named exist) and every template parses.</summary>
internal static class FlowChecks
{
    public const int MaxTemplateLength = 4_000;

    public static async Task<string?> ProblemAsync(FlowForm form, ModuleSettings settings, SavedSegments segments, CancellationToken ct)
    {
        var merged = new Dictionary<string, string>(settings.All);
        foreach (var (key, value) in form.Settings)
            merged[key] = value;
        try
        {
            FlowSettings.Read(merged, [.. (await segments.ListAsync(ct)).Select(s => s.Slug)]);
        }
        catch (FlowSettingsException ex)
        {
            return ex.Message;
        }
        foreach (var (key, template) in form.Values.Where(v => v.Key.Split('.')[^1] is "subject" or "html" or "text" or "sms"))
        {
            if (template.Length > MaxTemplateLength)
                return $"{key}: the template is {template.Length:N0} characters; the limit is {MaxTemplateLength:N0}.";
            if (template.Length > 0 && FlowMessages.Problem(template) is { } error)
                return $"{key}: the template does not parse: {error}";
        }
        return null;
    }
}
