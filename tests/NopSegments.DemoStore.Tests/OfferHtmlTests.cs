using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Campaigns;

using NopSegments.Testing;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// An offer's body keeps to its allowlist whatever the merchandiser pasted: a corpus of known XSS vectors (script tags
/// and their evasions, event handlers, javascript:/data: URLs and their encodings, CSS expressions, frames, forms, SVG
/// and MathML tricks) comes out with nothing that runs — checked in the markup and in real Chromium.
/// </summary>
public sealed class OfferHtmlTests
{
    private static readonly string[] Vectors = File.ReadAllLines(RepositoryFile.Find("tests/NopSegments.DemoStore.Tests/Xss/vectors.txt")).Where(l => l.Length > 0).ToArray();

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "strong", "b", "em", "i", "u", "s", "small", "span", "div", "a", "img", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr",
    };

    [Fact]
    public void No_vector_keeps_a_script_a_handler_or_an_unsafe_url()
    {
        var parser = new HtmlParser();
        foreach (var vector in Vectors)
        {
            var clean = OfferHtml.Sanitize(vector);
            var body = parser.ParseDocument($"<body>{clean}</body>").Body!;
            foreach (var element in body.QuerySelectorAll("*"))
            {
                Assert.True(Allowed.Contains(element.LocalName), $"<{element.LocalName}> kept from {vector}: {clean}");
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} kept from {vector}: {clean}");
                    // A relative address is the store's own; an absolute one must be http(s) or mailto.
                    if (attribute.Name is "href" or "src" && System.Text.RegularExpressions.Regex.Match(attribute.Value.Trim(), "^([a-zA-Z][a-zA-Z0-9+.-]*):") is { Success: true } scheme)
                        Assert.True(scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto", $"{attribute.Name}={attribute.Value} kept from {vector}");
                    Assert.DoesNotContain("expression(", attribute.Value, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public void Formatting_links_and_images_a_merchandiser_writes_survive()
    {
        var clean = OfferHtml.Sanitize("""<h2 style="color:#7a2e1f">Welcome back</h2><p>Take <strong>10 %</strong> off <a href="/cart" target="_blank">your cart</a></p><img src="https://cdn.example/lantern.jpg" alt="Lantern" width="120">""");

        Assert.Equal("""<h2 style="color: rgba(122, 46, 31, 1)">Welcome back</h2><p>Take <strong>10 %</strong> off <a href="/cart" target="_blank" rel="noopener noreferrer">your cart</a></p><img src="https://cdn.example/lantern.jpg" alt="Lantern" width="120">""", clean);
    }

    [SkippableFact]
    public async Task No_vector_runs_in_Chromium_though_the_same_vectors_unsanitized_do()
    {
        Chromium.SkipUnlessInstalled();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var sanitized = await DialogsAsync(browser, string.Concat(Vectors.Select(v => $"<div class=\"offer\">{OfferHtml.Sanitize(v)}</div>")));
        var raw = await DialogsAsync(browser, "<img src=x onerror=alert(1)><svg onload=alert(2)></svg><script>alert(3)</script>");

        Assert.Equal(0, sanitized);
        Assert.True(raw >= 3, $"the harness saw {raw} of the 3 raw vectors run");
    }

    /// <summary>How many dialogs (alert, confirm, prompt) a page of this HTML opens while it loads, is hovered and tabbed through.</summary>
    private static async Task<int> DialogsAsync(IBrowser browser, string html)
    {
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            await dialog.DismissAsync();
        };
        await page.SetContentAsync($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in await page.QuerySelectorAllAsync("body *"))
            await element.HoverAsync(new() { Force = true, Timeout = 500 }).ContinueWith(_ => { }, TaskScheduler.Default);
        for (var i = 0; i < 20; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.WaitForTimeoutAsync(500);
        await page.CloseAsync();
        return dialogs;
    }
}
