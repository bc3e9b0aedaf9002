using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data;
using NopSegments.Data.Tracking;
using NopSegments.Testing;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;

namespace NopSegments.DemoStore.Tests.Infrastructure;

/// <summary>
/// The real demo store on a real database of its own, seeded from the first rows of the real
/// retailer's file (enough for a catalog and a few hundred orders).
/// </summary>
internal sealed class StoreFactory : WebApplicationFactory<Program>
{
    public const int SeedRows = 20_000;

    private StoreFactory(TestDatabase database) => Database = database;

    internal TestDatabase Database { get; }

    public bool Durable { get; init; }

    /// <summary>False when the test keeps the database to look at it after the store has stopped.</summary>
    public bool OwnsDatabase { get; init; } = true;

    /// <summary>The tracking endpoint's per-visitor limit; a test of the limit lowers it before the host starts.</summary>
    public int BrowserEventsPerMinute { get; init; } = 600;

    /// <summary>The host's clock, when a test moves time itself (flows' delays); null keeps the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>More configuration for the host (NopSegments:QueueCapacity, …), set before it starts.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Services put in place of the host's (a failing host adapter, say), after the host has registered its own.</summary>
    public Action<IServiceCollection>? Replace { get; init; }

    /// <summary>How often the segment sweeper runs, and how old RFM members may get; null keeps the module's defaults.</summary>
    public (TimeSpan Sweep, TimeSpan RfmRescore)? Sweeper { get; init; }

    public static async Task<StoreFactory> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, bool install = true, bool kestrel = false, int browserEventsPerMinute = 600,
        bool durable = false, TestDatabase? database = null, (TimeSpan Sweep, TimeSpan RfmRescore)? sweeper = null,
        IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? replace = null)
    {
        var factory = new StoreFactory(database ?? await TestDatabase.CreateAsync(provider))
        {
            BrowserEventsPerMinute = browserEventsPerMinute, Durable = durable, OwnsDatabase = database is null, Sweeper = sweeper,
            Settings = settings, Clock = clock, Replace = replace,
        };
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        if (install)
            await factory.Plugin.InstallAsync();
        return factory;
    }

    public NopSegmentsPlugin Plugin => Services.GetRequiredService<NopSegmentsPlugin>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Provider", Database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres");
        builder.UseSetting("Connection", Database.ConnectionString);
        builder.UseSetting("Seed:MaxRows", SeedRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("NopSegments:Durable", Durable ? "true" : "false");
        builder.UseSetting("NopSegments:BrowserEventsPerMinute", BrowserEventsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (Clock is { } clock)
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        if (Replace is { } replace)
            builder.ConfigureTestServices(replace);
        if (Sweeper is { } sweeper)
        {
            builder.UseSetting("NopSegments:SweepInterval", sweeper.Sweep.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("NopSegments:RfmRescoreInterval", sweeper.RfmRescore.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public StoreBrowser NewBrowser(string? userAgent = null, string? referrer = null) => new(this, userAgent, referrer);

    /// <summary>The real socket address, when started with Kestrel.</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>What the module stored, after the queue has been written out.</summary>
    internal async Task<IReadOnlyList<EventRecord>> EventsAsync(string? visitorOrCustomer = null, string? name = null)
    {
        await Services.GetRequiredService<EventQueue>().FlushAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        return await Services.GetRequiredService<EventStore>().RecentAsync(new EventFilter(visitorOrCustomer, name, 1000));
    }

    internal string? UnprotectVisitorCookie(string value)
    {
        try
        {
            return Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("NopSegments.Visitor.v1").Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
            await Database.DisposeAsync();
    }
}
