using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Flows;
using NopSegments.Web.Settings;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// The abandoned-cart story end to end on the demo store: a consenting shopper walks away from a cart, gets one email
/// over real SMTP with a link that rebuilds the cart, and the flow stops when they buy. The test moves the clock.
/// </summary>
public sealed class AbandonedCartFlowTests
{
    private static Task<(StoreFactory Store, SmtpSink Sink, FakeTimeProvider Clock)> StartAsync(FakeTimeProvider? at = null) => FlowHarness.StartAsync(at);

    private static FakeTimeProvider Morning() => FlowHarness.Morning();

    private static Dictionary<string, string> FlowStoreSettings(SmtpSink sink) => FlowHarness.StoreSettings(sink);

    private static Task<FlowRunner.Outcome> RunFlowsAsync(StoreFactory store) => FlowHarness.RunFlowsAsync(store);

    private static async Task<StoreBrowser> ShopperAsync(StoreFactory store, string email, bool consents)
    {
        var shopper = await FlowHarness.RegisterAsync(store, email, consents);
        await FlowHarness.AddLanternsAsync(store, shopper);
        return shopper;
    }

    [Fact]
    public async Task A_consenting_shopper_who_walks_away_gets_one_email_whose_link_rebuilds_the_cart_and_buying_ends_the_flow()
    {
        var (store, sink, clock) = await StartAsync();
        await using var _ = store;
        await using var __ = sink;
        var shopper = await ShopperAsync(store, "ada@example.com", consents: true);

        clock.Advance(TimeSpan.FromMinutes(59));
        var early = await RunFlowsAsync(store);
        clock.Advance(TimeSpan.FromMinutes(2));
        var due = await RunFlowsAsync(store);
        var again = await RunFlowsAsync(store);

        Assert.Equal((1, 0), (early.Entered, early.Sent));
        Assert.Equal(1, due.Sent);
        Assert.Equal(0, again.Sent);
        var email = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("You left something in your cart", email.Subject);
        Assert.Equal("ada@example.com", email.To.Mailboxes.Single().Address);
        Assert.Contains("2 × White Metal Lantern", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/nopsegments/unsubscribe?token=", email.HtmlBody, StringComparison.Ordinal);
        var restore = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"https?://[^/\s]+/(cart/restore\?token=\S+)").Groups[1].Value;
        var fresh = store.NewBrowser();
        var cart = await fresh.GetAsync("/" + restore);
        Assert.True(cart.Shows("Your cart is back: 1 product."), cart.Text);
        Assert.True(cart.Shows("White Metal Lantern"), cart.Text);

        await shopper.SubmitAsync("/checkout", "/checkout", ("Form.Email", "ada@example.com"), ("Form.Name", "Ada Lovelace"), ("Form.Country", "United Kingdom"));
        await store.EventsAsync();
        clock.Advance(TimeSpan.FromHours(24));
        var afterOrder = await RunFlowsAsync(store);

        Assert.Equal((0, 1), (afterOrder.Sent, afterOrder.Exited));
        Assert.Single(sink.Received);
    }

    [Fact]
    public async Task A_shopper_without_marketing_consent_gets_nothing()
    {
        var (store, sink, clock) = await StartAsync();
        await using var _ = store;
        await using var __ = sink;
        await ShopperAsync(store, "bo@example.com", consents: false);

        clock.Advance(TimeSpan.FromHours(2));
        var outcome = await RunFlowsAsync(store);

        Assert.Equal((1, 0, 1), (outcome.Entered, outcome.Sent, outcome.Exited));
        Assert.Empty(await sink.WaitForAsync(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Two_runners_on_one_database_send_each_step_once_and_unsubscribing_ends_every_later_step()
    {
        var (store, sink, clock) = await StartAsync();
        await using var _ = store;
        await using var __ = sink;
        await ShopperAsync(store, "cy@example.com", consents: true);
        var second = ActivatorUtilities.CreateInstance<FlowRunner>(store.Services);

        clock.Advance(TimeSpan.FromMinutes(61));
        var both = await Task.WhenAll(store.Services.GetRequiredService<FlowRunner>().RunAsync(CancellationToken.None), second.RunAsync(CancellationToken.None));
        await RunFlowsAsync(store);
        var email = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var unsubscribe = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"https?://[^/\s]+/(nopsegments/unsubscribe\?token=\S+)").Groups[1].Value;
        var page = await store.NewBrowser().GetAsync("/" + unsubscribe);
        await store.EventsAsync();
        clock.Advance(TimeSpan.FromHours(24));
        var later = await RunFlowsAsync(store);

        Assert.Equal(1, both.Sum(o => o.Sent));
        Assert.True(page.Shows("You are unsubscribed"), page.Text);
        Assert.Equal(0, later.Sent);
        Assert.Single(sink.Received);
        Assert.NotEmpty(await store.EventsAsync(name: "unsubscribed"));
    }

    [Fact]
    public async Task A_step_due_in_the_quiet_hours_waits_for_the_morning_and_the_frequency_cap_holds_the_next()
    {
        var evening = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-3).AddHours(20).AddMinutes(30), TimeSpan.Zero));
        var (store, sink, clock) = await StartAsync(evening);
        await using var _ = store;
        await using var __ = sink;
        // Changed in the settings as the admin does: the runner reads them on its next run, no restart.
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.frequency_cap", "48h", CancellationToken.None);
        await ShopperAsync(store, "di@example.com", consents: true);

        clock.Advance(TimeSpan.FromMinutes(61));                  // 21:31, quiet
        var quiet = await RunFlowsAsync(store);
        clock.Advance(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(30));  // 08:01 the next morning
        var morning = await RunFlowsAsync(store);
        // 08:30 the day after: step 2 was due at 20:30 (24 h after the cart); the default cap (16 h) would let it go, 48 h does not.
        clock.Advance(new TimeSpan(24, 29, 0));
        var capped = await RunFlowsAsync(store);
        clock.Advance(new TimeSpan(25, 30, 0));                   // 10:00 a day later: past the cap
        var afterCap = await RunFlowsAsync(store);

        Assert.Equal(new FlowRunner.Outcome(1, 0, 0, 1), quiet);
        Assert.Equal(1, morning.Sent);
        Assert.Equal(new FlowRunner.Outcome(0, 0, 0, 1), capped);
        Assert.Equal(1, afterCap.Sent);
        Assert.Equal(["You left something in your cart", "Still thinking it over, Ada?"],
            (await sink.WaitForAsync(2, TimeSpan.FromSeconds(10))).Select(m => m.Subject));
    }

    [Fact]
    public async Task The_merchandiser_tunes_the_flow_in_the_admin_a_bad_value_is_explained_and_the_page_counts_what_happened()
    {
        var (store, sink, clock) = await StartAsync();
        await using var _ = store;
        await using var __ = sink;
        var admin = store.NewBrowser();
        await admin.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.AdminEmail, NopSegments.DemoStore.Seeding.DemoAccounts.AdminPassword);
        const string Page = "/admin/nopsegments/flows/abandoned_cart";
        Task<Page> SaveAsync(string delays) => admin.SubmitFormAsync(Page, Page,
            ("flows.abandoned_cart.enabled", "true"), ("flows.abandoned_cart.delays", delays),
            ("flows.abandoned_cart.subject", "{{ shopper.first_name }}, your basket misses you"));

        var bad = await SaveAsync("30s,24h");
        var saved = await SaveAsync("30m,24h");
        var quiet = await admin.SubmitFormAsync("/admin/nopsegments/flows", "/admin/nopsegments/flows", ("flows.quiet_hours", ""), ("flows.time_zone", "Europe/London"));
        await ShopperAsync(store, "ed@example.com", consents: true);
        clock.Advance(TimeSpan.FromMinutes(31));
        await RunFlowsAsync(store);
        var page = await admin.GetAsync(Page);
        var overview = await admin.GetAsync("/admin/nopsegments/flows");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Shows("flows.abandoned_cart.delays: '30s' is not a duration"), bad.Text);
        Assert.Contains("value=\"30s,24h\"", bad.Html, StringComparison.Ordinal);
        Assert.True(saved.Shows("Saved. The flow uses the new settings from its next run."), saved.Text);
        Assert.True(quiet.Shows("Saved. The flows use the new settings from their next run."), quiet.Text);
        Assert.Equal("Ada, your basket misses you", Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10))).Subject);
        Assert.True(page.Shows("1 entered · 1 in the flow now"), page.Text);
        Assert.Contains("data-step=\"1\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("ed@example.com"), page.Text);
        Assert.Contains("data-flow=\"abandoned_cart\"", overview.Html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Two_store_instances_on_one_PostgreSQL_database_send_each_message_once()
    {
        NopSegments.Testing.TestDatabase.SkipUnlessAvailable(NopSegments.Data.DatabaseProvider.PostgreSql);
        await using var database = await NopSegments.Testing.TestDatabase.CreateAsync(NopSegments.Data.DatabaseProvider.PostgreSql);
        await using var sink = SmtpSink.Start();
        var clock = Morning();
        var settings = FlowStoreSettings(sink);
        await using var first = await StoreFactory.CreateAsync(NopSegments.Data.DatabaseProvider.PostgreSql, database: database, clock: clock, settings: settings);
        await first.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
        await using var second = await StoreFactory.CreateAsync(NopSegments.Data.DatabaseProvider.PostgreSql, install: false, database: database, clock: clock, settings: settings);
        await ShopperAsync(first, "fi@example.com", consents: true);

        clock.Advance(TimeSpan.FromMinutes(61));
        var runs = await Task.WhenAll(
            first.Services.GetRequiredService<FlowRunner>().RunAsync(CancellationToken.None),
            second.Services.GetRequiredService<FlowRunner>().RunAsync(CancellationToken.None));
        var smtp = first.Services.GetRequiredService<IOptions<SmtpSettings>>().Value;
        await Task.WhenAll(
            first.Services.GetRequiredService<SmtpDelivery>().DeliverDueAsync(smtp, CancellationToken.None),
            second.Services.GetRequiredService<SmtpDelivery>().DeliverDueAsync(smtp, CancellationToken.None));

        Assert.Equal(1, runs.Sum(r => r.Sent));
        Assert.Single(await sink.WaitForAsync(2, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task The_step_set_to_carry_a_discount_sends_a_single_use_code_that_works_at_the_cart()
    {
        var (store, sink, clock) = await StartAsync();
        await using var _ = store;
        await using var __ = sink;
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync(
            [("flows.abandoned_cart.discount_step", "1"), ("flows.abandoned_cart.discount_percent", "15")], CancellationToken.None);
        var shopper = await ShopperAsync(store, "gu@example.com", consents: true);

        clock.Advance(TimeSpan.FromMinutes(61));
        await RunFlowsAsync(store);
        var email = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var code = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"Use (COMEBACK\S+) at checkout for 15% off").Groups[1].Value;
        var applied = await shopper.SubmitAsync("/cart", "/cart?handler=discount", ("code", code));

        Assert.NotEmpty(code);
        Assert.Contains(code, email.HtmlBody, StringComparison.Ordinal);
        Assert.True(applied.Shows("Your discount code was applied."), applied.Text);
    }

    [Fact]
    public async Task A_restart_between_steps_neither_loses_nor_repeats_a_message()
    {
        await using var database = await NopSegments.Testing.TestDatabase.CreateAsync(NopSegments.Data.DatabaseProvider.Sqlite);
        await using var sink = SmtpSink.Start();
        var clock = Morning();
        var settings = FlowStoreSettings(sink);
        await using (var before = await StoreFactory.CreateAsync(database: database, clock: clock, settings: settings))
        {
            await before.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
            await ShopperAsync(before, "ha@example.com", consents: true);
            clock.Advance(TimeSpan.FromMinutes(61));
            await RunFlowsAsync(before);
            Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        }

        // The store restarts; a day passes; the new process finds the second step due where the first one left it.
        await using var after = await StoreFactory.CreateAsync(install: false, database: database, clock: clock, settings: settings);
        clock.Advance(TimeSpan.FromHours(24));
        var outcome = await RunFlowsAsync(after);
        var again = await RunFlowsAsync(after);

        Assert.Equal((0, 1), (outcome.Entered, outcome.Sent));
        Assert.Equal(0, again.Sent);
        Assert.Equal(["You left something in your cart", "Still thinking it over, Ada?"], (await sink.WaitForAsync(3, TimeSpan.FromSeconds(3))).Select(m => m.Subject));
    }

    [Fact]
    public async Task The_admin_previews_the_email_as_a_customer_would_get_it_and_sends_a_test_through_the_queue()
    {
        var (store, sink, _) = await StartAsync();
        await using var __ = store;
        await using var ___ = sink;
        await ShopperAsync(store, "ivy@example.com", consents: true);
        var admin = store.NewBrowser();
        await admin.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.AdminEmail, NopSegments.DemoStore.Seeding.DemoAccounts.AdminPassword);

        const string Page = "/admin/nopsegments/flows/abandoned_cart";
        var preview = await admin.SubmitAsync(Page, Page + "/preview", ("customer", "ivy@example.com"), ("action", "preview"));
        var unknown = await admin.SubmitAsync(Page, Page + "/preview", ("customer", "nobody@example.com"), ("action", "preview"));
        var sent = await admin.SubmitAsync(Page, Page + "/preview",
            ("customer", "ivy@example.com"), ("send_to", "qa@example.com"), ("action", "send"));
        await RunFlowsAsync(store);

        Assert.True(preview.Shows("You left something in your cart"), preview.Text);
        Assert.Contains("2 x White Metal Lantern", preview.Html, StringComparison.Ordinal);
        Assert.True(unknown.Shows("No customer 'nobody@example.com'"), unknown.Text);
        Assert.True(sent.Shows("Test email sent to qa@example.com through the store's mail queue."), sent.Text);
        var test = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(("qa@example.com", "[Test] You left something in your cart"), (test.To.Mailboxes.Single().Address, test.Subject));
    }

    [Fact]
    public async Task When_the_stores_mail_server_refuses_the_flow_pages_say_mail_is_not_going_out()
    {
        await using var sink = SmtpSink.Start(refuseFirst: 100);
        var clock = Morning();
        await using var store = await StoreFactory.CreateAsync(clock: clock, settings: FlowStoreSettings(sink));
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
        await ShopperAsync(store, "jay@example.com", consents: true);
        var admin = store.NewBrowser();
        await admin.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.AdminEmail, NopSegments.DemoStore.Seeding.DemoAccounts.AdminPassword);

        clock.Advance(TimeSpan.FromMinutes(61));
        var queued = await store.Services.GetRequiredService<FlowRunner>().RunAsync(CancellationToken.None);
        var waiting = await admin.GetAsync("/admin/nopsegments/flows/abandoned_cart");
        await RunFlowsAsync(store);
        var failing = await admin.GetAsync("/admin/nopsegments/flows/abandoned_cart");
        var overview = await admin.GetAsync("/admin/nopsegments/flows");

        Assert.Equal(1, queued.Sent);
        Assert.Contains("data-mail-queue=\"waiting\"", waiting.Html, StringComparison.Ordinal);
        Assert.Contains("data-mail-queue=\"failing\"", failing.Html, StringComparison.Ordinal);
        Assert.True(failing.Shows("The store's mail queue is not delivering: 1 message failed"), failing.Text);
        Assert.True(failing.Shows("mailbox busy"), failing.Text);
        Assert.Contains("data-mail-queue=\"failing\"", overview.Html, StringComparison.Ordinal);
    }
}
