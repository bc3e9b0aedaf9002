using Microsoft.Extensions.Caching.Memory;

namespace Nop.Plugin.Misc.NopSegments.Events;

/// <summary>
/// The last quantity seen of each cart line: nopCommerce's update event carries only the new quantity, and the module
/// wants how many were added or removed. Bounded; a line not seen since the process started is unknown.
/// </summary>
public sealed class CartQuantities : IDisposable
{
    private readonly MemoryCache lines = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public int? Recall(int cartItemId) => lines.TryGetValue(cartItemId, out int quantity) ? quantity : null;

    public void Remember(int cartItemId, int quantity) =>
        lines.Set(cartItemId, quantity, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(30) });

    public void Forget(int cartItemId) => lines.Remove(cartItemId);

    public void Dispose() => lines.Dispose();
}
