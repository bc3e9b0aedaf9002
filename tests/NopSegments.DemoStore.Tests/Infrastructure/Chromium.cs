using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, offline: no browser download, no background traffic.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static void SkipUnlessInstalled() =>
        Skip.If(!File.Exists(ExecutablePath) && Environment.GetEnvironmentVariable("CI") != "true",
            $"Browser tests need Chromium at {ExecutablePath}; `bash .ci/run` installs it (apt-get install chromium).");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = Args,
        });
        return (playwright, browser);
    }

    /// <summary>One page in a fresh browser context on <paramref name="baseUrl"/>; disposing it closes the browser.</summary>
    public static async Task<BrowserPage> OpenAsync(Uri baseUrl)
    {
        var (playwright, browser) = await LaunchAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl.ToString().TrimEnd('/') });
        return new BrowserPage(playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>Logs the page in through the store's admin login form, as the shop owner would.</summary>
    public static async Task LogInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        await page.GetByLabel("Email").FillAsync(Seeding.DemoAccounts.AdminEmail);
        await page.GetByLabel("Password").FillAsync(Seeding.DemoAccounts.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>A browser profile with Chromium's own "Send a Do Not Track request" setting on.</summary>
    public static async Task<(IPlaywright Playwright, IBrowserContext Context, string Profile)> LaunchWithDoNotTrackAsync(Uri baseUrl)
    {
        var profile = Directory.CreateTempSubdirectory("nopsegments-chromium-").FullName;
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), "{\"enable_do_not_track\": true}");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = Args, BaseURL = baseUrl.ToString().TrimEnd('/'),
        });
        return (playwright, context, profile);
    }
}

/// <summary>A page with the context and browser that hold it.</summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly ConcurrentDictionary<IRequest, byte> open = new();

    public BrowserPage(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        (this.playwright, this.browser, Context, Page) = (playwright, browser, context, page);
        page.Request += (_, request) => open[request] = 0;
        page.RequestFinished += (_, request) => open.TryRemove(request, out var _);
        page.RequestFailed += (_, request) => open.TryRemove(request, out var _);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Waits for the page at <paramref name="url"/> to load; a page that never does names what it still waits for.</summary>
    public async Task WaitForUrlAsync(string url)
    {
        try
        {
            await Page.WaitForURLAsync(url);
        }
        catch (TimeoutException ex)
        {
            var waiting = string.Join(", ", open.Keys.Select(r => $"{r.Method} {r.Url}"));
            throw new TimeoutException($"{url} did not load; requests still open: {(waiting.Length > 0 ? waiting : "none")}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
