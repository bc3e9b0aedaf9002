using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Settings;
using NopSegments.Testing;

namespace NopSegments.Data.Tests;

public sealed class ModuleLifecycleTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private const string HostTable = "CREATE TABLE shop_orders (id INTEGER PRIMARY KEY, total NUMERIC)";

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Install_creates_the_module_tables_and_default_settings(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        var lifecycle = new ModuleLifecycle(contexts);

        Assert.False(await lifecycle.IsInstalledAsync());
        await lifecycle.InstallAsync();

        Assert.True(await lifecycle.IsInstalledAsync());
        Assert.Superset(new SortedSet<string> { "nopsegments_events", "nopsegments_settings", "nopsegments_migrations" },
            new SortedSet<string>(await db.TablesAsync()));
        await using var context = contexts.Create();
        var settings = await context.Settings.ToDictionaryAsync(s => s.Key, s => s.Value);
        Assert.Equal(DefaultSettings.All.OrderBy(s => s.Key), settings.OrderBy(s => s.Key));
    }

    [Fact]
    public async Task Installing_on_SQL_Server_is_refused_before_the_server_is_touched_and_names_the_supported_databases()
    {
        // No server answers at this address: a refusal that came after connecting would fail differently.
        var lifecycle = new ModuleLifecycle(new SegmentsDbContextFactory(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=shop;Connect Timeout=1"));

        var refusal = await Assert.ThrowsAsync<NotSupportedException>(() => lifecycle.InstallAsync());

        Assert.Equal("NopSegments stores events on SQLite and PostgreSQL; SqlServer is not supported yet, so installing would keep no event. Nothing was installed.",
            refusal.Message);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Uninstall_leaves_the_database_exactly_as_it_was_found(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync(HostTable);
        var tablesBefore = await db.TablesAsync();
        var indexesBefore = await db.IndexesAsync();
        var lifecycle = new ModuleLifecycle(new SegmentsDbContextFactory(provider, db.ConnectionString));

        await lifecycle.InstallAsync();
        await lifecycle.UninstallAsync();

        Assert.Equal(tablesBefore, await db.TablesAsync());
        Assert.Equal(indexesBefore, await db.IndexesAsync());
        Assert.DoesNotContain(await db.TablesAsync(), t => t.StartsWith("nopsegments", StringComparison.Ordinal) || t.StartsWith("__EF", StringComparison.Ordinal));
        Assert.False(await lifecycle.IsInstalledAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Install_uninstall_install_works_and_starts_clean(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        var lifecycle = new ModuleLifecycle(contexts);

        await lifecycle.InstallAsync();
        await ChangeSettingAsync(contexts, "tracking.consent_mode", "after_consent");
        await lifecycle.UninstallAsync();
        await lifecycle.InstallAsync();

        Assert.True(await lifecycle.IsInstalledAsync());
        await using var fresh = contexts.Create();
        Assert.Equal("track_all", (await fresh.Settings.SingleAsync(s => s.Key == "tracking.consent_mode")).Value);
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Installing_twice_is_harmless_and_keeps_changed_settings(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, db.ConnectionString);
        var lifecycle = new ModuleLifecycle(contexts);

        await lifecycle.InstallAsync();
        await ChangeSettingAsync(contexts, "privacy.retention_days", "90");
        var tables = await db.TablesAsync();
        await lifecycle.InstallAsync();

        Assert.Equal(tables, await db.TablesAsync());
        await using var after = contexts.Create();
        Assert.Equal("90", (await after.Settings.SingleAsync(s => s.Key == "privacy.retention_days")).Value);
        Assert.Equal(DefaultSettings.All.Count, await after.Settings.CountAsync());
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Uninstalling_what_was_never_installed_is_harmless(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync(HostTable);
        var before = await db.TablesAsync();

        await new ModuleLifecycle(new SegmentsDbContextFactory(provider, db.ConnectionString)).UninstallAsync();

        Assert.Equal(before, await db.TablesAsync());
    }

    private static async Task ChangeSettingAsync(SegmentsDbContextFactory contexts, string key, string value)
    {
        await using var context = contexts.Create();
        (await context.Settings.SingleAsync(s => s.Key == key)).Value = value;
        await context.SaveChangesAsync();
    }
}
