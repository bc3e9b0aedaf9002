using System.Globalization;
using Nop.Services.Customers;
using NopSegments.Web.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Customers;

/// <summary>
/// nopCommerce's "Delete guest customers" task deletes guests in bulk without an event per customer; profiles that named
/// such a guest (one who gave an email at checkout, then emptied the cart) become anonymous visitors again instead of
/// pointing at a customer nopCommerce no longer has. Deleted-flagged customers count as gone.
/// </summary>
public sealed class DeletedCustomers(NopSegmentsPlugin module, ICustomerService customers)
{
    public Task<int> ReleaseAsync(CancellationToken ct = default) => module.ReleaseDeletedCustomersAsync(StillKnownAsync, ct);

    private async Task<IReadOnlyCollection<string>> StillKnownAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var numbers = ids.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToArray();
        var found = await customers.GetCustomersByIdsAsync(numbers);
        return [.. found.Where(c => !c.Deleted).Select(c => c.Id.ToString(CultureInfo.InvariantCulture))];
    }
}
