using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NopSegments.DemoStore.Emails;
using NopSegments.Web.Flows;
using NopSegments.Web.Settings;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>
/// The demo store with its mail going to an in-process SMTP server and a clock the test moves; the flows run only when
/// the test runs them (the background runner waits a day).
/// </summary>
internal static class FlowHarness
{
    public const string Lantern = "71053";

    // 10:00 UTC: outside the default quiet hours (21:00-08:00).
    public static FakeTimeProvider Morning() => new(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(10), TimeSpan.Zero));

    // The flows and the sweep run only when a test runs them. The mail timer follows the test's clock: a long one, so
    // moving the clock weeks on wakes it a few times, not millions.
    public static Dictionary<string, string> StoreSettings(SmtpSink sink) => new(sink.StoreSettings())
    {
        ["NopSegments:FlowInterval"] = "00:00:00", ["NopSegments:SweepInterval"] = "00:00:00", ["Smtp:PollInterval"] = "1.00:00:00",
    };

    /// <summary>The store with the given flow settings saved as the admin would.</summary>
    public static async Task<(StoreFactory Store, SmtpSink Sink, FakeTimeProvider Clock)> StartAsync(
        FakeTimeProvider? at = null, params (string Key, string Value)[] flowSettings)
    {
        var sink = SmtpSink.Start();
        var clock = at ?? Morning();
        var store = await StoreFactory.CreateAsync(clock: clock, settings: StoreSettings(sink));
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync(
            flowSettings.Length == 0 ? [("flows.abandoned_cart.enabled", "true")] : flowSettings, CancellationToken.None);
        return (store, sink, clock);
    }

    /// <summary>A registered shopper (consenting or not) in a browser of their own.</summary>
    public static async Task<StoreBrowser> RegisterAsync(StoreFactory store, string email, bool consents, string? phone = null)
    {
        var shopper = store.NewBrowser();
        var fields = new List<(string, string)>
        {
            ("Form.Email", email), ("Form.Password", "correct horse"), ("Form.FirstName", "Ada"), ("Form.LastName", "Lovelace"),
            ("Form.Country", "United Kingdom"),
        };
        if (consents)
            fields.Add(("Form.AcceptsMarketing", "true"));
        if (phone is not null)
            fields.Add(("Form.Phone", phone));
        await shopper.SubmitAsync("/register", "/register", [.. fields]);
        return shopper;
    }

    /// <summary>Adds two lanterns to the shopper's cart and waits until the module has stored it.</summary>
    public static async Task AddLanternsAsync(StoreFactory store, StoreBrowser shopper)
    {
        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "2"));
        await StoredAsync(store, shopper, "added_to_cart");
    }

    /// <summary>
    /// Waits until the shopper has <paramref name="count"/> events of a name stored (and the profile with them) before the
    /// clock moves: a busy machine's writer may take longer than one flush waits.
    /// </summary>
    public static async Task StoredAsync(StoreFactory store, StoreBrowser shopper, string name, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await store.EventsAsync(shopper.VisitorId, name)).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    public static async Task<FlowRunner.Outcome> RunFlowsAsync(StoreFactory store, FlowRunner? runner = null)
    {
        var outcome = await (runner ?? store.Services.GetRequiredService<FlowRunner>()).RunAsync(CancellationToken.None);
        await store.Services.GetRequiredService<SmtpDelivery>().DeliverDueAsync(store.Services.GetRequiredService<IOptions<SmtpSettings>>().Value, CancellationToken.None);
        return outcome;
    }
}
