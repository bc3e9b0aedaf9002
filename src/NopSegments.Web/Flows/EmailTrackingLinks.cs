using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// An email's open pixel and its tracked links: the send's id (and the link's target), signed with the host's Data
/// Protection keys, so a link redirects only where the email pointed and counts only for its own send.
/// </summary>
internal sealed class EmailTrackingLinks(IDataProtectionProvider protection, IOptions<NopSegmentsOptions> options)
{
    private readonly IDataProtector protector = protection.CreateProtector("NopSegments.EmailTracking.v1");

    public Uri Open(Uri storeUrl, long sendId) => Link(storeUrl, "open", sendId.ToString(CultureInfo.InvariantCulture));

    public Uri Click(Uri storeUrl, long sendId, Uri target) =>
        Link(storeUrl, "click", sendId.ToString(CultureInfo.InvariantCulture) + "\n" + target.AbsoluteUri);

    /// <summary>The send and (for a click) the target a token was made for, or null when it is not one of this store's.</summary>
    public (long SendId, Uri? Target)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            return null;
        string text;
        try
        {
            text = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = text.Split('\n', 2);
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sendId))
            return null;
        return (sendId, parts.Length == 2 && Uri.TryCreate(parts[1], UriKind.Absolute, out var target) ? target : null);
    }

    private Uri Link(Uri storeUrl, string what, string payload) =>
        new(storeUrl, $"{options.Value.EmailTrackingPath.TrimStart('/')}/{what}?t={Uri.EscapeDataString(protector.Protect(payload))}");
}
