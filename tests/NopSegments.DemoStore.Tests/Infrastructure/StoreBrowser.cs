using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>
/// A shopper's HTTP session against the store: its own cookie jar, forms posted with the
/// antiforgery token of the page they are on, redirects followed.
/// </summary>
internal sealed partial class StoreBrowser
{
    private readonly StoreFactory factory;
    private readonly HttpClient client;
    private static readonly Uri Base = new("http://localhost/");

    internal StoreBrowser(StoreFactory factory, string? userAgent = null, string? referrer = null)
    {
        this.factory = factory;
        client = factory.CreateDefaultClient(Base, new RedirectHandler(), new CookieContainerHandler(Cookies));
        if (userAgent is not null)
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        if (referrer is not null)
            client.DefaultRequestHeaders.Referrer = new Uri(referrer);
    }

    public CookieContainer Cookies { get; } = new();

    public System.Net.Http.Headers.HttpRequestHeaders Headers => client.DefaultRequestHeaders;

    public string? VisitorId =>
        Cookies.GetCookies(Base)["nopsegments.vid"] is { } cookie ? factory.UnprotectVisitorCookie(cookie.Value) : null;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await client.GetAsync(url);
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens <paramref name="pageUrl"/> and submits a form on it to <paramref name="action"/>.</summary>
    public async Task<Page> SubmitAsync(string pageUrl, string action, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(pageUrl);
        var token = TokenPattern().Match(page.Html);
        if (!token.Success)
            throw new InvalidOperationException($"{pageUrl} has no form with an antiforgery token");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(action, content);
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Opens <paramref name="pageUrl"/> and submits its form posting to <paramref name="action"/> as a browser would —
    /// every field as rendered (ticked boxes only) — with <paramref name="changes"/> typed over it: a name given
    /// replaces all that name's values; a null value unticks or empties it.
    /// </summary>
    public async Task<Page> SubmitFormAsync(string pageUrl, string action, params (string Name, string? Value)[] changes)
    {
        var page = await GetAsync(pageUrl);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page.Html);
        var form = document.Forms.FirstOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"{pageUrl} has no form posting to {action}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement input when input.Name is { Length: > 0 } name && input.Type is not ("submit" or "button"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                        fields.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        foreach (var name in changes.Select(c => c.Name).Distinct())
            fields.RemoveAll(f => f.Key == name);
        fields.AddRange(changes.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string>(c.Name, c.Value!)));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(action, content);
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync());
    }

    public Task<Page> LogInAsync(string email, string password) =>
        SubmitAsync("/login", "/login", ("Email", email), ("Password", password));

    /// <summary>Posts JSON to the tracking endpoint as the browser tracker would.</summary>
    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> TrackAsync(string json, params (string Name, string Value)[] headers) =>
        PostJsonAsync("/nopsegments/track", json, headers);

    /// <summary>Posts JSON as a page's script would, with the given headers.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostJsonAsync(
        string url, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string TokenOf(Page page) => WebUtility.HtmlDecode(TokenPattern().Match(page.Html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

internal sealed record Page(HttpStatusCode Status, string Path, string Html)
{
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]+>", " "));

    public bool Shows(string text) => Regex.Replace(Text, @"\s+", " ").Contains(text, StringComparison.Ordinal);
}
