using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NopSegments.Language.Syntax;

namespace NopSegments.Data.Campaigns;

/// <summary>
/// Reads a campaign from its JSON (the admin's form, and the files <c>nopsegments export</c> / <c>apply</c> keep): every
/// property checked, unknown ones refused (a typo must not silently mean "no condition"), each error naming its JSON
/// path and what to write. docs/campaigns.md documents the format.
/// </summary>
public static partial class CampaignReader
{
    private static readonly string[] Top = ["slug", "name", "audience", "placement", "trigger", "schedule", "priority", "caps", "content", "discount", "variants", "holdout", "conversionWindow", "stopAfter"];

    public static CampaignDefinition Read(string json, IReadOnlyCollection<string>? segmentSlugs = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CampaignDefinitionException("$", $"not JSON: {ex.Message}");
        }
        using (document)
        {
            var root = Object(document.RootElement, "$", Top);
            var slug = Text(root, "$", "slug", required: true)!;
            if (!SlugText().IsMatch(slug))
                throw new CampaignDefinitionException("$.slug", $"'{slug}' is not a slug: use 2 to 64 lower-case letters, digits and dashes");
            var content = Content(Required(root, "$", "content"), "$.content", required: true)!;
            var variants = root.TryGetProperty("variants", out var v) ? Variants(v, content) : [new CampaignVariant("A", 100, null)];
            var holdout = root.TryGetProperty("holdout", out var h) ? Whole(h, "$.holdout", 0, 50) : 0;
            var stopAfter = root.TryGetProperty("stopAfter", out var s) ? Words(s, "$.stopAfter", ["conversion", "close"]) : ["conversion", "close"];
            return new CampaignDefinition(slug, Text(root, "$", "name", required: true)!, Audience(root, segmentSlugs), Placement(Required(root, "$", "placement")),
                Trigger(root), Schedule(root), root.TryGetProperty("priority", out var p) ? Whole(p, "$.priority", -1000, 1000) : 0, Caps(root), content, variants, holdout)
            {
                Discount = root.TryGetProperty("discount", out var d) ? Discount(d) : null,
                ConversionWindow = root.TryGetProperty("conversionWindow", out var w) ? Duration(w, "$.conversionWindow") : TimeSpan.FromDays(7),
                StopAfterConversion = stopAfter.Contains("conversion"), StopAfterClose = stopAfter.Contains("close"),
            };
        }
    }

    private static CampaignAudience Audience(JsonElement root, IReadOnlyCollection<string>? segmentSlugs)
    {
        if (!root.TryGetProperty("audience", out var a))
            return new CampaignAudience(null);
        const string At = "$.audience";
        a = Object(a, At, ["segment", "pageTypes", "categories", "utmSources", "utmCampaigns", "devices", "session", "minCartValue", "maxCartValue"]);
        var segment = Text(a, At, "segment");
        if (segment is not null && segmentSlugs is not null && !segmentSlugs.Contains(segment))
            throw new CampaignDefinitionException($"{At}.segment", $"'{segment}' is not a saved segment");
        var session = Text(a, At, "session");
        if (session is not null and not ("new" or "returning"))
            throw new CampaignDefinitionException($"{At}.session", $"'{session}' is not new or returning (leave it out for any session)");
        return new CampaignAudience(segment)
        {
            PageTypes = List(a, At, "pageTypes"), Categories = List(a, At, "categories"), UtmSources = List(a, At, "utmSources"),
            UtmCampaigns = List(a, At, "utmCampaigns"), Devices = List(a, At, "devices"), Session = session,
            MinCartValue = a.TryGetProperty("minCartValue", out var min) ? Money(min, $"{At}.minCartValue") : null,
            MaxCartValue = a.TryGetProperty("maxCartValue", out var max) ? Money(max, $"{At}.maxCartValue") : null,
        };
    }

    private static CampaignPlacement Placement(JsonElement e)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new CampaignDefinitionException("$.placement", "write a widget zone's name (productdetails_top, home_page_top, …), top_bar or popup");
        return text switch
        {
            CampaignPlacement.TopBar or CampaignPlacement.Popup => new CampaignPlacement(text, null),
            _ when ZoneText().IsMatch(text) => new CampaignPlacement(CampaignPlacement.ZoneKind, text),
            _ => throw new CampaignDefinitionException("$.placement", $"'{text}' is not a widget zone's name, top_bar or popup"),
        };
    }

    private static CampaignTrigger Trigger(JsonElement root)
    {
        if (!root.TryGetProperty("trigger", out var t))
            return new CampaignTrigger(CampaignTrigger.Arrival, 0);
        const string At = "$.trigger";
        t = Object(t, At, ["on", "seconds", "percent"]);
        return Text(t, At, "on", required: true) switch
        {
            CampaignTrigger.Arrival => new CampaignTrigger(CampaignTrigger.Arrival, 0),
            CampaignTrigger.ExitIntent => new CampaignTrigger(CampaignTrigger.ExitIntent, 0),
            CampaignTrigger.Delay => new CampaignTrigger(CampaignTrigger.Delay, Whole(Required(t, At, "seconds"), $"{At}.seconds", 1, 600)),
            CampaignTrigger.Scroll => new CampaignTrigger(CampaignTrigger.Scroll, Whole(Required(t, At, "percent"), $"{At}.percent", 1, 100)),
            var other => throw new CampaignDefinitionException($"{At}.on", $"'{other}' is not arrival, delay, scroll or exit_intent"),
        };
    }

    private static CampaignSchedule Schedule(JsonElement root)
    {
        if (!root.TryGetProperty("schedule", out var s))
            return new CampaignSchedule(null, null);
        const string At = "$.schedule";
        s = Object(s, At, ["start", "end", "timeZone"]);
        var zoneId = Text(s, At, "timeZone") ?? "UTC";
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CampaignDefinitionException($"{At}.timeZone", $"'{zoneId}' is not a time zone: use an IANA name such as Europe/London");
        }
        DateTimeOffset? Local(string name)
        {
            if (Text(s, At, name) is not { } text)
                return null;
            if (!DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                throw new CampaignDefinitionException($"{At}.{name}", $"'{text}' is not a local time: write 2026-12-24T18:00 or 2026-12-24");
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        var (start, end) = (Local("start"), Local("end"));
        if (start >= end)
            throw new CampaignDefinitionException($"{At}.end", "the end must come after the start");
        return new CampaignSchedule(start, end);
    }

    private static CampaignCaps Caps(JsonElement root)
    {
        if (!root.TryGetProperty("caps", out var c))
            return new CampaignCaps(1, 0, 0);
        const string At = "$.caps";
        c = Object(c, At, ["perSession", "perDay", "total"]);
        int Cap(string name) => c.TryGetProperty(name, out var n) ? Whole(n, $"{At}.{name}", 0, 1000) : 0;
        return new CampaignCaps(Cap("perSession"), Cap("perDay"), Cap("total"));
    }

    private static CampaignContent? Content(JsonElement c, string at, bool required)
    {
        c = Object(c, at, ["title", "body", "image", "cta", "ctaUrl"]);
        var title = Text(c, at, "title", required);
        if (title is null)
            return null;
        return new CampaignContent(title, Text(c, at, "body") ?? "", Url(c, at, "image"), Text(c, at, "cta"), Url(c, at, "ctaUrl"));
    }

    // A variant's content changes what it names; the rest is the campaign's.
    private static CampaignContent VariantContent(JsonElement c, string at, CampaignContent campaign)
    {
        c = Object(c, at, ["title", "body", "image", "cta", "ctaUrl"]);
        return new CampaignContent(Text(c, at, "title") ?? campaign.Title, Text(c, at, "body") ?? campaign.BodyHtml, Url(c, at, "image") ?? campaign.Image,
            Text(c, at, "cta") ?? campaign.CallToAction, Url(c, at, "ctaUrl") ?? campaign.CallToActionUrl);
    }

    private static List<CampaignVariant> Variants(JsonElement e, CampaignContent campaign)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new CampaignDefinitionException("$.variants", "write a list of variants, each {\"name\": \"A\", \"weight\": 50}");
        var variants = new List<CampaignVariant>();
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var at = $"$.variants[{i++}]";
            var v = Object(item, at, ["name", "weight", "content"]);
            var name = Text(v, at, "name", required: true)!;
            if (variants.Any(x => x.Name == name))
                throw new CampaignDefinitionException($"{at}.name", $"a second variant named '{name}'");
            variants.Add(new CampaignVariant(name, Whole(Required(v, at, "weight"), $"{at}.weight", 1, 100),
                v.TryGetProperty("content", out var content) ? VariantContent(content, $"{at}.content", campaign) : null));
        }
        return variants;
    }

    private static CampaignDiscount Discount(JsonElement d)
    {
        const string At = "$.discount";
        d = Object(d, At, ["percent", "valid"]);
        var percent = Required(d, At, "percent").TryGetDecimal(out var p) && p is >= 1 and <= 100 ? p
            : throw new CampaignDefinitionException($"{At}.percent", "write a percentage from 1 to 100");
        return new CampaignDiscount(percent, d.TryGetProperty("valid", out var valid) ? Duration(valid, $"{At}.valid") : TimeSpan.FromDays(7));
    }

    private static JsonElement Object(JsonElement e, string at, IReadOnlyCollection<string> known)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new CampaignDefinitionException(at, "write an object { … }");
        foreach (var property in e.EnumerateObject())
        {
            if (!known.Contains(property.Name))
                throw new CampaignDefinitionException($"{at}.{property.Name}", $"unknown property (expected {string.Join(", ", known)})");
        }
        return e;
    }

    private static JsonElement Required(JsonElement e, string at, string name) =>
        e.TryGetProperty(name, out var value) ? value : throw new CampaignDefinitionException($"{at}.{name}", "missing");

    private static string? Text(JsonElement e, string at, string name, bool required = false)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return required ? throw new CampaignDefinitionException($"{at}.{name}", "missing") : null;
        return value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 and <= 4000 } text ? text
            : throw new CampaignDefinitionException($"{at}.{name}", "write a non-empty text of at most 4,000 characters");
    }

    private static List<string> List(JsonElement e, string at, string name) =>
        e.TryGetProperty(name, out var value) ? Strings(value, $"{at}.{name}") : [];

    private static List<string> Words(JsonElement e, string at, string[] allowed)
    {
        var words = Strings(e, at);
        return words.FirstOrDefault(w => !allowed.Contains(w)) is { } bad
            ? throw new CampaignDefinitionException(at, $"'{bad}' is not one of {string.Join(", ", allowed)}") : words;
    }

    private static List<string> Strings(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(i => i.GetString()!)]
            : throw new CampaignDefinitionException(at, "write a list of texts, [\"…\", \"…\"]");

    private static int Whole(JsonElement e, string at, int from, int to) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n >= from && n <= to ? n
        : throw new CampaignDefinitionException(at, $"write a whole number from {from} to {to}");

    private static decimal Money(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var m) && m >= 0 ? m : throw new CampaignDefinitionException(at, "write an amount of 0 or more");

    private static TimeSpan Duration(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.String && DurationText().IsMatch(e.GetString()!) ? Durations.Parse(e.GetString()!, default)
        : throw new CampaignDefinitionException(at, "write a duration: a number and m, h, d or w, for example 7d");

    private static Uri? Url(JsonElement e, string at, string name) =>
        Text(e, at, name) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : Uri.TryCreate(text, UriKind.Relative, out var relative) && text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) ? relative
        : throw new CampaignDefinitionException($"{at}.{name}", $"'{text}' is not an http(s) address or a path starting with /");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex SlugText();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex ZoneText();

    [GeneratedRegex("^[0-9]{1,6}[mhdw]$")]
    private static partial Regex DurationText();
}

/// <summary>A campaign definition that does not read: the JSON path and what to write there.</summary>
public sealed class CampaignDefinitionException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
