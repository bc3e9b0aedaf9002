using System.Net;
using System.Text;
using NopSegments.Data.Campaigns;

namespace NopSegments.Web.Campaigns;

/// <summary>
/// An offer as HTML: title, sanitized body, image, the person's code, the call to action and a close button, in a box
/// the tracker finds by its token. Every merchandiser value is encoded or sanitized; the body goes through
/// <see cref="OfferHtml"/>.
/// </summary>
internal static class OfferMarkup
{
    public static string Render(CampaignContent content, string token, string slot, string? code)
    {
        var kind = slot is CampaignPlacement.TopBar or CampaignPlacement.Popup ? slot.Replace('_', '-') : "zone";
        var html = new StringBuilder();
        html.Append($"<div class=\"nopsegments-offer nopsegments-{kind}\" data-nopsegments-offer=\"{Attr(token)}\" data-slot=\"{Attr(slot)}\" ")
            .Append(kind == "popup" ? "role=\"dialog\" aria-modal=\"false\"" : "role=\"region\"").Append($" aria-label=\"{Attr(content.Title)}\">")
            .Append("<button type=\"button\" class=\"nopsegments-close\" data-nopsegments-close aria-label=\"Close\">×</button>");
        if (content.Image is { } image)
            html.Append($"<img class=\"nopsegments-image\" src=\"{Attr(image.OriginalString)}\" alt=\"\">");
        html.Append($"<p class=\"nopsegments-title\">{Text(content.Title)}</p>");
        if (content.BodyHtml.Length > 0)
            html.Append($"<div class=\"nopsegments-body\">{OfferHtml.Sanitize(content.BodyHtml)}</div>");
        if (code is not null)
            html.Append($"<p class=\"nopsegments-code\">Your code: <strong data-nopsegments-code>{Text(code)}</strong></p>");
        if (content.CallToAction is { } cta)
            html.Append($"<a class=\"nopsegments-cta\" data-nopsegments-cta href=\"{Attr(content.CallToActionUrl?.OriginalString ?? "#")}\">{Text(cta)}</a>");
        return html.Append("</div>").ToString();
    }

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Attr(string value) => WebUtility.HtmlEncode(value);
}
