using Ganss.Xss;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// An offer's body as shoppers get it: the merchandiser's HTML cut down to an allowlist — text formatting, lists,
/// headings, links and images over http(s) (and mailto for links), a few harmless style properties — with HtmlSanitizer.
/// No script, no event handler, no <c>javascript:</c> or <c>data:</c> URL, no CSS expression, no form, frame or embed.
/// </summary>
internal static class OfferHtml
{
    private static readonly string[] Tags =
    [
        "p", "br", "strong", "b", "em", "i", "u", "s", "small", "span", "div", "a", "img", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr",
    ];

    private static readonly string[] Attributes = ["href", "src", "alt", "title", "class", "style", "width", "height", "target", "rel"];

    private static readonly string[] Styles =
    [
        "color", "background-color", "font-weight", "font-style", "font-size", "text-align", "text-decoration", "margin", "padding",
        "border", "border-radius", "display", "width", "max-width", "height",
    ];

    // HtmlSanitizer is not thread-safe to configure, but sanitizing with a configured instance is.
    private static readonly HtmlSanitizer Sanitizer = Create();

    // A campaign's few bodies are shown on every page view; parsing and cleaning one takes far longer than the page's
    // own work, so each distinct body is cleaned once (bounded: a store has a few hundred campaign texts at most).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cleaned = new(StringComparer.Ordinal);
    private const int MaxCleaned = 1_000;

    public static string Sanitize(string html)
    {
        if (Cleaned.TryGetValue(html, out var clean))
            return clean;
        clean = Sanitizer.Sanitize(html);
        if (Cleaned.Count >= MaxCleaned)
            Cleaned.Clear();
        Cleaned[html] = clean;
        return clean;
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(Styles, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        // A link that opens a new tab must not hand the offer's page to it.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.GetAttribute("target") is not null)
                link.SetAttribute("rel", "noopener noreferrer");
        };
        return sanitizer;
    }
}
