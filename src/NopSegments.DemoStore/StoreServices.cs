using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using NopSegments.DemoStore.Cart;
using NopSegments.DemoStore.Customers;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Orders;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Segments;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;
using NopSegments.Web.Hosting;

namespace NopSegments.DemoStore;

internal static class StoreServices
{
    public static void AddDemoStore(this WebApplicationBuilder builder)
    {
        var database = StoreDatabase.FromConfiguration(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(database);
        services.AddDbContext<StoreDbContext>(database.Configure);
        services.Configure<SeedOptions>(builder.Configuration.GetSection("Seed"));
        services.Configure<SmtpSettings>(builder.Configuration.GetSection("Smtp"));
        services.AddSingleton<SmtpDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpDelivery>());
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys")));

        // Behind a proxy on this machine (or the tests' client), the visitor's address is X-Forwarded-For.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = "store.auth";
        });
        services.AddAuthorizationBuilder().AddPolicy("Admin", p => p.RequireRole(Customer.AdministratorsRole));
        services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Admin", "Admin"));

        services.AddScoped<IPasswordHasher<Customer>, PasswordHasher<Customer>>();
        services.AddScoped<StoreSeeder>();
        services.AddScoped<Shopper>();
        services.AddScoped<CustomerAccounts>();
        services.AddScoped<CartService>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<StoreEvents>();

        // The host contract, answered from the store's own data.
        services.AddScoped<IStoreContext, DemoStoreContext>();
        services.AddScoped<ICustomerDirectory, StoreCustomerDirectory>();
        services.AddScoped<IProductCatalog, StoreProductCatalog>();
        services.AddScoped<ICartReader, StoreCartReader>();
        services.AddScoped<IGuestContacts, StoreGuestContacts>();
        services.AddSingleton<IAdminLayout>(new ViewAdminLayout("/Pages/Admin/ModulePage.cshtml"));
        services.AddScoped<GuestCustomers>();
        services.AddScoped<CartRestoreLinks>();
        services.AddScoped<IDiscountIssuer, StoreDiscountIssuer>();
        services.AddScoped<QueuedEmailSender>();
        services.AddScoped<IEmailSender>(sp => sp.GetRequiredService<QueuedEmailSender>());
        services.AddScoped<IEmailQueueStatus>(sp => sp.GetRequiredService<QueuedEmailSender>());
        services.AddSingleton<IAdminAuthorization, StoreAdminAuthorization>();
        services.AddScoped<IOrderHistory, StoreOrderHistory>();

        services.AddNopSegments(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
            o.BrowserEventsPerMinute = builder.Configuration.GetValue("NopSegments:BrowserEventsPerMinute", o.BrowserEventsPerMinute);
            o.AddressEventsPerMinute = builder.Configuration.GetValue("NopSegments:AddressEventsPerMinute", o.AddressEventsPerMinute);
            o.StoreEventsPerMinute = builder.Configuration.GetValue("NopSegments:StoreEventsPerMinute", o.StoreEventsPerMinute);
            o.Durable = builder.Configuration.GetValue("NopSegments:Durable", o.Durable);
            o.SweepInterval = builder.Configuration.GetValue("NopSegments:SweepInterval", o.SweepInterval);
            o.RfmRescoreInterval = builder.Configuration.GetValue("NopSegments:RfmRescoreInterval", o.RfmRescoreInterval);
            o.QueueCapacity = builder.Configuration.GetValue("NopSegments:QueueCapacity", o.QueueCapacity);
            o.WriterRetryMaxDelay = builder.Configuration.GetValue("NopSegments:WriterRetryMaxDelay", o.WriterRetryMaxDelay);
            o.FlowInterval = builder.Configuration.GetValue("NopSegments:FlowInterval", o.FlowInterval);
            o.RetentionPurgeInterval = builder.Configuration.GetValue("NopSegments:RetentionPurgeInterval", o.RetentionPurgeInterval);
            o.PreviewTimeLimit = builder.Configuration.GetValue("NopSegments:PreviewTimeLimit", o.PreviewTimeLimit);
            o.PreviewAnswerTime = builder.Configuration.GetValue("NopSegments:PreviewAnswerTime", o.PreviewAnswerTime);
            o.CachedPages = builder.Configuration.GetValue("NopSegments:CachedPages", o.CachedPages);
            o.CampaignRefreshInterval = builder.Configuration.GetValue("NopSegments:CampaignRefreshInterval", o.CampaignRefreshInterval);
            o.GeoDatabasePath = builder.Configuration["NopSegments:GeoDatabase"]
                ?? Path.Combine(AppContext.BaseDirectory, "Geo", "geo-whois-asn-country.mmdb");
        });
    }

    public static async Task SeedDemoStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        await scope.ServiceProvider.GetRequiredService<StoreSeeder>().SeedAsync(db, app.Lifetime.ApplicationStopping);
    }
}
