using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Ganss.Xss;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// Renders a flow step's email from its Liquid templates with the shopper's cart, then sanitizes the HTML to what mail
/// clients show (no scripts, no forms, no event handlers), whatever a template or a product name held.
/// </summary>
internal sealed class FlowMessages
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlSanitizer Sanitizer = new();

    public sealed record Model(CustomerInfo Customer, CartSnapshot Cart, StoreInfo Store, Uri UnsubscribeUrl, int Step)
    {
        /// <summary>The single-use code this step carries, when it carries one.</summary>
        public IssuedDiscount? Discount { get; init; }
    }

    public sealed record Templates(string Subject, string Html, string Text)
    {
        /// <summary>The merchandiser's templates from the settings; an empty one is the built-in one.</summary>
        public static Templates From(IReadOnlyDictionary<string, string> settings)
        {
            string Pick(string key, string builtIn) => settings.GetValueOrDefault(key) is { Length: > 0 } custom ? custom : builtIn;
            return new Templates(Pick("flows.abandoned_cart.subject", FlowTemplates.Subject), Pick("flows.abandoned_cart.html", FlowTemplates.Html),
                Pick("flows.abandoned_cart.text", FlowTemplates.Text));
        }
    }

    /// <summary>The message, or an error naming the template that does not parse.</summary>
    public static async Task<EmailMessage> RenderAsync(Templates templates, Model model)
    {
        // Only plain dictionaries and lists reach the template: no CLR object's members for a template to reach into.
        var context = new TemplateContext(TemplateOptions.Default);
        foreach (var (name, value) in Values(model))
            context.SetValue(name, value ?? "");
        var subject = await RenderAsync("subject", templates.Subject, context, NullEncoder.Default);
        var html = await RenderAsync("html", templates.Html, context, HtmlEncoder.Default);
        var text = await RenderAsync("text", templates.Text, context, NullEncoder.Default);
        return new EmailMessage(model.Customer.Email!, subject.Trim(), Sanitizer.Sanitize(html)) { TextBody = text.Trim() };
    }

    /// <summary>Why the template does not parse, or null when it does (the admin checks before saving).</summary>
    public static string? Problem(string template) => Parser.TryParse(template, out _, out var error) ? null : error;

    private static async Task<string> RenderAsync(string which, string source, TemplateContext context, TextEncoder encoder)
    {
        if (!Parser.TryParse(source, out var template, out var error))
            throw new FlowTemplateException($"The {which} template does not parse: {error}");
        return await template.RenderAsync(context, encoder);
    }

    private static Dictionary<string, object?> Values(Model model)
    {
        string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["shopper"] = new Dictionary<string, object?> { ["first_name"] = model.Customer.FirstName, ["last_name"] = model.Customer.LastName, ["email"] = model.Customer.Email },
            ["cart"] = new Dictionary<string, object?>
            {
                ["lines"] = model.Cart.Lines.Select(l => new Dictionary<string, object?>
                {
                    ["name"] = l.ProductName, ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["price"] = Money(l.UnitPrice), ["total"] = Money(l.UnitPrice * l.Quantity),
                }).ToList(),
                ["total"] = Money(model.Cart.Total),
                ["currency"] = model.Store.Currency,
            },
            ["restore_url"] = model.Cart.RestoreUrl.ToString(),
            ["unsubscribe_url"] = model.UnsubscribeUrl.ToString(),
            ["store"] = new Dictionary<string, object?> { ["name"] = model.Store.Name, ["url"] = model.Store.Url.ToString() },
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
}

/// <summary>A flow's template that does not parse or render.</summary>
internal sealed class FlowTemplateException(string message) : Exception(message);
