using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Html.Dom;
using Fluid;
using Ganss.Xss;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// Renders a flow step's message from the flow's Liquid templates with the shopper's cart, the product or order that
/// started the flow and the store; email HTML is then sanitized to what mail clients show (no scripts, no forms, no
/// event handlers), whatever a template or a product name held, and its links can be routed through the store.
/// </summary>
internal static class FlowMessages
{
    private static readonly FluidParser Parser = new();

    public sealed record Model(CustomerInfo Customer, CartSnapshot Cart, StoreInfo Store, Uri UnsubscribeUrl, int Step)
    {
        /// <summary>The flow's name, as the merchandiser sees it.</summary>
        public string FlowName { get; init; } = "";

        /// <summary>The single-use code this step carries, when it carries one.</summary>
        public IssuedDiscount? Discount { get; init; }

        /// <summary>The product the trigger was about (a view, an add to the cart), when the store still sells it.</summary>
        public ProductInfo? Product { get; init; }

        /// <summary>The order that started the flow (post-purchase, win-back).</summary>
        public (string Id, decimal Value)? Order { get; init; }
    }

    public sealed record Templates(string Subject, string Html, string Text, string Sms)
    {
        /// <summary>The merchandiser's templates for the flow from the settings; an empty one is the flow's built-in one.</summary>
        public static Templates For(IReadOnlyDictionary<string, string> settings, string flow)
        {
            var builtIn = FlowTemplates.For(flow);
            string Pick(string field, string fallback) => settings.GetValueOrDefault($"flows.{flow}.{field}") is { Length: > 0 } custom ? custom : fallback;
            return new Templates(Pick("subject", builtIn.Subject), Pick("html", builtIn.Html), Pick("text", builtIn.Text), Pick("sms", builtIn.Sms));
        }
    }

    /// <summary>The email; <paramref name="track"/>, when given, turns each link but the unsubscribe one into a tracked one.</summary>
    public static async Task<EmailMessage> RenderEmailAsync(Templates templates, Model model, Func<Uri, Uri>? track = null)
    {
        var context = Context(model);
        var subject = await RenderAsync("subject", templates.Subject, context, NullEncoder.Default);
        var html = await RenderAsync("html", templates.Html, context, HtmlEncoder.Default);
        var text = await RenderAsync("text", templates.Text, context, NullEncoder.Default);
        return new EmailMessage(model.Customer.Email!, subject.Trim(), Sanitize(html, model.UnsubscribeUrl, track)) { TextBody = text.Trim() };
    }

    public static async Task<string> RenderSmsAsync(Templates templates, Model model) =>
        (await RenderAsync("SMS", templates.Sms, Context(model), NullEncoder.Default)).Trim();

    /// <summary>Why the template does not parse, or null when it does (the admin checks before saving).</summary>
    public static string? Problem(string template) => Parser.TryParse(template, out _, out var error) ? null : error;

    /// <summary>
    /// The values templates (and webhook payloads) see: only plain dictionaries, lists and text, no CLR object's members
    /// for a template to reach into.
    /// </summary>
    public static Dictionary<string, object?> Values(Model model)
    {
        static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["shopper"] = new Dictionary<string, object?> { ["first_name"] = model.Customer.FirstName, ["last_name"] = model.Customer.LastName, ["email"] = model.Customer.Email },
            ["cart"] = new Dictionary<string, object?>
            {
                ["lines"] = model.Cart.Lines.Select(l => new Dictionary<string, object?>
                {
                    ["name"] = l.ProductName, ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["price"] = Money(l.UnitPrice), ["total"] = Money(l.UnitPrice * l.Quantity),
                    ["image_url"] = l.ImageUrl?.AbsoluteUri,
                }).ToList(),
                ["total"] = Money(model.Cart.Total),
                ["currency"] = model.Store.Currency,
            },
            ["product"] = model.Product is { } p
                ? new Dictionary<string, object?>
                {
                    ["name"] = p.Name, ["sku"] = p.Sku, ["category"] = p.Category, ["price"] = Money(p.Price), ["url"] = p.Url.AbsoluteUri,
                    ["image_url"] = p.ImageUrl?.AbsoluteUri,
                }
                : new Dictionary<string, object?>(),
            ["order"] = model.Order is { } o ? new Dictionary<string, object?> { ["id"] = o.Id, ["value"] = Money(o.Value) } : new Dictionary<string, object?>(),
            ["restore_url"] = model.Cart.RestoreUrl.AbsoluteUri,
            ["unsubscribe_url"] = model.UnsubscribeUrl.AbsoluteUri,
            ["store"] = new Dictionary<string, object?> { ["name"] = model.Store.Name, ["url"] = model.Store.Url.AbsoluteUri },
            ["flow"] = model.FlowName,
            ["step"] = model.Step,
            ["discount"] = model.Discount is { } d
                ? new Dictionary<string, object?>
                {
                    ["code"] = d.Code, ["percent"] = d.Percent.ToString("0.##", CultureInfo.InvariantCulture),
                    ["valid_until"] = d.ValidUntil.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                }
                : new Dictionary<string, object?>(),
        };
    }

    private static TemplateContext Context(Model model)
    {
        var context = new TemplateContext(TemplateOptions.Default);
        foreach (var (name, value) in Values(model))
            context.SetValue(name, value ?? "");
        return context;
    }

    private static string Sanitize(string html, Uri unsubscribe, Func<Uri, Uri>? track)
    {
        var sanitizer = new HtmlSanitizer();
        if (track is not null)
        {
            sanitizer.PostProcessNode += (_, e) =>
            {
                if (e.Node is IHtmlAnchorElement anchor && Uri.TryCreate(anchor.GetAttribute("href"), UriKind.Absolute, out var target)
                    && target.Scheme is "http" or "https" && target != unsubscribe)
                    anchor.SetAttribute("href", track(target).AbsoluteUri);
            };
        }
        return sanitizer.Sanitize(html);
    }

    private static async Task<string> RenderAsync(string which, string source, TemplateContext context, TextEncoder encoder)
    {
        if (!Parser.TryParse(source, out var template, out var error))
            throw new FlowTemplateException($"The {which} template does not parse: {error}");
        return await template.RenderAsync(context, encoder);
    }
}

/// <summary>A flow's template that does not parse or render.</summary>
internal sealed class FlowTemplateException(string message) : Exception(message);
