using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Testing;
using NopSegments.Web.Settings;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// The flows run by the scheduler (Hangfire) with nobody calling them: on SQLite with its storage in memory, and on
/// PostgreSQL with two store instances sharing its storage in the shop's database, which uninstall removes.
/// </summary>
public sealed class SchedulerTests
{
    private static Dictionary<string, string> Scheduled(SmtpSink sink) =>
        new(FlowHarness.StoreSettings(sink)) { ["NopSegments:FlowInterval"] = "00:00:01" };

    [Fact]
    public async Task The_scheduler_runs_a_due_step_without_anyone_asking()
    {
        await using var sink = SmtpSink.Start();
        var clock = FlowHarness.Morning();
        await using var store = await StoreFactory.CreateAsync(clock: clock, settings: Scheduled(sink));
        await store.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
        var shopper = await FlowHarness.RegisterAsync(store, "sched@example.com", consents: true);
        await FlowHarness.AddLanternsAsync(store, shopper);

        clock.Advance(TimeSpan.FromMinutes(61));
        var received = await DeliveredAsync(sink, 1, store);

        Assert.Equal("You left something in your cart", Assert.Single(received).Subject);
    }

    [SkippableFact]
    public async Task Two_store_instances_share_one_schedule_on_PostgreSQL_and_send_once_and_uninstall_removes_it()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var sink = SmtpSink.Start();
        var clock = FlowHarness.Morning();
        await using var first = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql, database: database, clock: clock, settings: Scheduled(sink));
        await using var second = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql, install: false, database: database, clock: clock, settings: Scheduled(sink));
        await first.Services.GetRequiredService<ModuleSettings>().SetAsync("flows.abandoned_cart.enabled", "true", CancellationToken.None);
        var shopper = await FlowHarness.RegisterAsync(first, "shared@example.com", consents: true);
        await FlowHarness.AddLanternsAsync(first, shopper);

        clock.Advance(TimeSpan.FromMinutes(61));
        await DeliveredAsync(sink, 1, first, second);
        // Both nodes keep polling: a second message would come within a few more runs.
        var settled = await DeliveredAsync(sink, 2, first, second, TimeSpan.FromSeconds(5));
        var scheduled = await database.TablesAsync();
        await first.Plugin.UninstallAsync();
        var after = await database.TablesAsync();

        Assert.Single(settled);
        Assert.Contains(scheduled, t => t.StartsWith("nopsegments_hangfire.", StringComparison.Ordinal));
        Assert.DoesNotContain(after, t => t.Contains("nopsegments", StringComparison.Ordinal));
        Assert.Contains("store_orders", after);
    }

    /// <summary>Delivers the stores' mail queues until <paramref name="count"/> messages arrived or the time is up.</summary>
    private static async Task<IReadOnlyList<MimeKit.MimeMessage>> DeliveredAsync(SmtpSink sink, int count, StoreFactory store, StoreFactory? other = null, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (sink.Received.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (var node in new[] { store, other }.OfType<StoreFactory>())
                await node.Services.GetRequiredService<SmtpDelivery>().DeliverDueAsync(node.Services.GetRequiredService<IOptions<SmtpSettings>>().Value, CancellationToken.None);
            await Task.Delay(250);
        }
        return [.. sink.Received];
    }
}
