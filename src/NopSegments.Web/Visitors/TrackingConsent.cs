using Microsoft.AspNetCore.Http;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Visitors;

/// <summary>Whether this request's visitor may be tracked: Do Not Track / Global Privacy Control, and the consent mode.</summary>
internal static class TrackingConsent
{
    public static string? Refusal(HttpRequest request, ModuleSettings settings)
    {
        if (settings.HonourDoNotTrack && (request.Headers["DNT"] == "1" || request.Headers["Sec-GPC"] == "1"))
            return "the browser asks not to be tracked (Do Not Track)";
        if (settings.ConsentMode == ModuleSettings.AfterConsent && CookieHeader.Value(request, ModuleSettings.ConsentCookie) != "granted")
            return "the visitor has not consented to tracking";
        return null;
    }
}
