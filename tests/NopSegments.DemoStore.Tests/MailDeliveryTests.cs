using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Tests;

/// <summary>The store's message queue goes out over real SMTP, and a server that fails is tried again.</summary>
public sealed class MailDeliveryTests
{
    private static Dictionary<string, string> Smtp(SmtpSink sink) =>
        new(sink.StoreSettings()) { ["Smtp:PollInterval"] = "00:00:00.100", ["Smtp:RetryDelay"] = "00:00:00.300" };

    private static async Task QueueAsync(StoreFactory store, EmailMessage message)
    {
        using var scope = store.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(message);
    }

    [Fact]
    public async Task A_queued_message_is_delivered_over_SMTP_with_its_HTML_and_text_and_the_queue_says_sent()
    {
        await using var sink = SmtpSink.Start();
        await using var store = await StoreFactory.CreateAsync(settings: Smtp(sink));

        await QueueAsync(store, new EmailMessage("ada@example.com", "You left a lantern behind", "<p>Your <b>cart</b> is waiting</p>")
        {
            TextBody = "Your cart is waiting",
        });
        var received = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(15)));

        Assert.Equal("You left a lantern behind", received.Subject);
        Assert.Equal("ada@example.com", received.To.Mailboxes.Single().Address);
        Assert.Contains("<b>cart</b>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Your cart is waiting", received.TextBody?.Trim());
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var queue = await admin.GetAsync("/admin/emails");
        Assert.Contains("data-status=\"sent\"", queue.Html, StringComparison.Ordinal);
        Assert.True(queue.Shows($"Delivered over SMTP to 127.0.0.1:{sink.Port}"), queue.Text);
    }

    [Fact]
    public async Task A_server_that_refuses_is_tried_again_the_failure_shows_and_the_message_arrives_once()
    {
        await using var sink = SmtpSink.Start(refuseFirst: 1);
        await using var store = await StoreFactory.CreateAsync(settings: Smtp(sink));

        await QueueAsync(store, new EmailMessage("bo@example.com", "Still thinking it over?", "<p>Hello</p>"));
        var received = await sink.WaitForAsync(1, TimeSpan.FromSeconds(15));
        await Task.Delay(600);

        Assert.Single(sink.Received);
        Assert.Equal("Still thinking it over?", received[0].Subject);
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var queue = await admin.GetAsync("/admin/emails");
        Assert.Contains("data-status=\"sent\"", queue.Html, StringComparison.Ordinal);
        Assert.True(queue.Shows("mailbox busy, try later"), "the refused attempt's reason stays on the queue page");
    }

    [Fact]
    public async Task Without_an_SMTP_server_mail_stays_in_the_queue_and_the_page_says_why()
    {
        await using var store = await StoreFactory.CreateAsync();

        await QueueAsync(store, new EmailMessage("cy@example.com", "Queued only", "<p>Hi</p>"));
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var queue = await admin.GetAsync("/admin/emails");

        Assert.True(queue.Shows("No SMTP server is configured"), queue.Text);
        Assert.Contains("data-status=\"queued\"", queue.Html, StringComparison.Ordinal);
    }
}
