using Microsoft.Playwright;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, offline: no browser download, no background traffic.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static void SkipUnlessInstalled() =>
        Skip.If(!File.Exists(ExecutablePath) && Environment.GetEnvironmentVariable("CI") != "true",
            $"Browser tests need Chromium at {ExecutablePath}; `bash .ci/run` installs it (apt-get install chromium).");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }
}
