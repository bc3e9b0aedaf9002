using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Admin;

/// <summary>What every admin form post checks first.</summary>
internal static class AdminForms
{
    public const string Expired = "The form has expired or did not come from this admin: reload the page and try again.";

    /// <summary>True when the post carries this admin's antiforgery token.</summary>
    public static async Task<bool> IsGenuineAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
