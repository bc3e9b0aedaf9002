namespace NopSegments.Hosting;

/// <summary>
/// Optional host contract: turns the email a guest types at checkout into a known customer, the way nopCommerce keeps a
/// guest customer for a checkout email, so a guest who leaves at checkout can be reminded. Called within the guest's own
/// request (the host finds its current guest from its own cookies).
/// </summary>
public interface IGuestContacts
{
    /// <summary>
    /// Records <paramref name="email"/> and the marketing consent the guest gave beside it on the store's guest customer
    /// for the current visitor (creating one), so that customer's cart is this visitor's cart.
    /// </summary>
    /// <returns>
    /// The customer id; null when the email belongs to a registered account — typing an address at checkout must not open
    /// someone's profile or send them mail: that person logs in.
    /// </returns>
    Task<string?> IdentifyGuestAsync(string email, bool acceptsMarketing, CancellationToken cancellationToken = default);
}
