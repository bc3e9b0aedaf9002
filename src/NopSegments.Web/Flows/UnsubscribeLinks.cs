using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// Unsubscribe links that work without logging in: the customer id, signed with the host's Data Protection keys so a
/// link unsubscribes only its own recipient. They do not expire: an old email's link must still work.
/// </summary>
internal sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<NopSegmentsOptions> options)
{
    private readonly IDataProtector protector = protection.CreateProtector("NopSegments.Unsubscribe.v1");

    public Uri Create(Uri storeUrl, string customerId) =>
        new(storeUrl, $"{options.Value.UnsubscribePath.TrimStart('/')}?token={Uri.EscapeDataString(protector.Protect(customerId))}");

    /// <summary>The customer the link was made for, or null when it is not one of this store's links.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            return null;
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
