using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Data.Flows;
using NopSegments.Data.Segments;
using NopSegments.Hosting;
using NopSegments.Web.Flows;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Admin;

/// <summary>
/// A flow page's preview: the saved templates rendered as a chosen customer would receive the first step (their real
/// cart, or one sample line when it is empty; their latest trigger's product or order), shown on the page or sent as a
/// test through the store's mail queue.
/// </summary>
internal static class FlowPreviewEndpoints
{
    private static readonly CartLine SampleLine = new("SAMPLE", "Sample product (the customer's cart is empty)", 9.99m, 1);

    public static async Task<Results<RazorComponentResult<FlowPage>, BadRequest<string>, NotFound<string>>> PreviewAsync(
        string key, HttpContext http, IServiceProvider services, ModuleSettings settings, SavedSegments segments, FlowStore flows, FlowSendLedger ledger, FlowReport report,
        IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        if (!FlowPageEndpoints.Exists(key, settings))
            return TypedResults.NotFound($"There is no flow '{key}'.");
        var form = await http.Request.ReadFormAsync(ct);
        var who = form["customer"].ToString().Trim();
        var sendTo = form["send_to"].ToString().Trim();
        FlowDefinition flow;
        try
        {
            flow = FlowSettings.Read(settings.All, [.. (await segments.ListAsync(ct)).Select(s => s.Slug)])[key];
        }
        catch (FlowSettingsException ex)
        {
            return await PageAsync(new FlowPreview(who, sendTo, $"Fix the settings first: {ex.Message}", null));
        }
        var directory = services.GetService<ICustomerDirectory>();
        var customer = who.Length == 0 || directory is null ? null : await directory.FindAsync(who, ct) ?? await directory.FindByEmailAsync(who, ct);
        if (customer is null)
            return await PageAsync(new FlowPreview(who, sendTo, $"No customer '{who}': enter a customer id or email.", null));
        var cart = await services.GetRequiredService<ICartReader>().GetCartAsync(customer.CustomerId, customer.CustomerId, ct);
        if (cart.Lines.Count == 0)
            cart = cart with { Lines = [SampleLine] };
        var entry = new FlowEntry
        {
            Flow = key, CustomerId = customer.CustomerId, Context = await flows.LatestContextAsync(customer.CustomerId, flow.Trigger.EventName, ct),
        };
        var shown = customer with { Email = customer.Email ?? "no-email@example.invalid" };
        var model = await ledger.ModelAsync(entry, flow, shown, cart, services, clock.GetUtcNow(), ct, issueCode: false);
        var templates = FlowMessages.Templates.For(settings.All, key);
        EmailMessage message;
        try
        {
            message = await FlowMessages.RenderEmailAsync(templates, model);
        }
        catch (FlowTemplateException ex)
        {
            return await PageAsync(new FlowPreview(who, sendTo, ex.Message, null));
        }
        var sms = await FlowMessages.RenderSmsAsync(templates, model);
        string? notice = null;
        if (form["action"] == "send")
        {
            if (!System.Net.Mail.MailAddress.TryCreate(sendTo, out _))
                return await PageAsync(new FlowPreview(who, sendTo, $"'{sendTo}' is not an email address to send the test to.", message) { Sms = sms });
            await services.GetRequiredService<IEmailSender>().SendAsync(message with { To = sendTo, Subject = "[Test] " + message.Subject }, ct);
            notice = $"Test email sent to {sendTo} through the store's mail queue.";
        }
        return await PageAsync(new FlowPreview(who, sendTo, notice, message) { Sms = sms });

        Task<RazorComponentResult<FlowPage>> PageAsync(FlowPreview preview) => FlowPageEndpoints.PageAsync(
            key, FlowForm.From(settings.All, FlowForm.KeysOf(key)), false, null, preview, http, report, antiforgery, options.Value, clock, ct);
    }
}

/// <summary>What the preview shows: for whom, the rendered message (and its SMS text), and what happened.</summary>
public sealed record FlowPreview(string Customer, string SendTo, string? Notice, EmailMessage? Message)
{
    public string? Sms { get; init; }
}
