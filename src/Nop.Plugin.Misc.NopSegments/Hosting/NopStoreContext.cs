using System.Globalization;
using Nop.Core;
using Nop.Core.Domain.Directory;
using Nop.Services.Directory;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>The current nopCommerce store and its primary currency.</summary>
internal sealed class NopStoreContext(Core.IStoreContext stores, ICurrencyService currencies, CurrencySettings currency, IWebHelper web) : global::NopSegments.Hosting.IStoreContext
{
    public StoreInfo Current
    {
        get
        {
            var store = stores.GetCurrentStore();
            var code = currencies.GetCurrencyByIdAsync(currency.PrimaryStoreCurrencyId).GetAwaiter().GetResult()?.CurrencyCode ?? "USD";
            return new StoreInfo(store.Id.ToString(CultureInfo.InvariantCulture), store.Name, new Uri(web.GetStoreLocation()), code);
        }
    }
}
