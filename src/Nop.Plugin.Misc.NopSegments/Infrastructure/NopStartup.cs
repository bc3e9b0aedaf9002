using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Infrastructure;
using Nop.Data;
using Nop.Data.Configuration;
using Nop.Plugin.Misc.NopSegments.Hosting;
using NopSegments.Data;
using NopSegments.Hosting;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Infrastructure;

/// <summary>
/// Adds the module to nopCommerce's services with nopCommerce's own database (its connection string from the data
/// settings) and the host contract implemented with nopCommerce's services.
/// </summary>
public sealed class NopStartup : INopStartup
{
    public int Order => 3000;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var data = DataSettingsManager.LoadSettings();
        services.AddNopSegments(o =>
        {
            (o.Provider, o.ConnectionString) = ProviderOf(data);
            o.AdminPath = "/admin/nopsegments";
            // nopCommerce's billing form (one-page and multi-step checkout) cannot carry the module's marker attribute.
            o.CheckoutEmailField = "input[data-nopsegments-identify=\"email\"], #BillingNewAddress_Email";
        });
        services.AddScoped<IAdminAuthorization, NopAdminAuthorization>();
        services.AddScoped<ICustomerDirectory, NopCustomerDirectory>();
        services.AddScoped<IProductCatalog, NopProductCatalog>();
        services.AddScoped<ICartReader, NopCartReader>();
        services.AddScoped<IDiscountIssuer, NopDiscountIssuer>();
        services.AddScoped<global::NopSegments.Hosting.IEmailSender, NopEmailSender>();
        services.AddScoped<global::NopSegments.Hosting.IStoreContext, NopStoreContext>();
        services.AddScoped<IOrderHistory, NopOrderHistory>();
        services.AddScoped<StoreEventPublisher>();
        services.AddScoped<Roles.SegmentRoles>();
        services.AddScoped<Customers.NopGuestContacts>();
        services.AddScoped<IGuestContacts>(sp => sp.GetRequiredService<Customers.NopGuestContacts>());
        services.AddScoped<Customers.DeletedCustomers>();
        services.AddScoped<Messages.FlowMessageTemplate>();
        services.AddSingleton<Events.CartQuantities>();
        services.AddSingleton<IAdminLayout>(new ViewAdminLayout("~/Plugins/Misc.NopSegments/Views/ModulePage.cshtml", "Admin"));
    }

    public void Configure(IApplicationBuilder application)
    {
    }

    /// <summary>The module's provider for nopCommerce's database; one the module does not store events on is refused at install.</summary>
    private static (DatabaseProvider, string) ProviderOf(DataConfig data) => data?.DataProvider switch
    {
        DataProviderType.PostgreSQL => (DatabaseProvider.PostgreSql, data.ConnectionString),
        DataProviderType.SqlServer => (DatabaseProvider.SqlServer, data.ConnectionString),
        // Not installed yet, or MySQL: the module's install refuses with a message; nopCommerce keeps running.
        _ => (DatabaseProvider.SqlServer, string.IsNullOrEmpty(data?.ConnectionString) ? "Server=not-installed" : data.ConnectionString),
    };
}
