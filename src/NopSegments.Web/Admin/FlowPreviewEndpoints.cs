using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Data.Flows;
using NopSegments.Hosting;
using NopSegments.Web.Flows;
using NopSegments.Web.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Admin;

/// <summary>
/// The Flows page's preview: the saved templates rendered as a chosen customer would receive the first step (their real
/// cart, or one sample line when it is empty), shown on the page or sent as a test through the store's mail queue.
/// </summary>
internal static class FlowPreviewEndpoints
{
    private static readonly CartLine SampleLine = new("SAMPLE", "Sample product (the customer's cart is empty)", 9.99m, 1);

    public static async Task<Results<RazorComponentResult<FlowsPage>, BadRequest<string>>> PreviewAsync(
        HttpContext http, IServiceProvider services, ModuleSettings settings, FlowStore flows, UnsubscribeLinks unsubscribe,
        IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = await http.Request.ReadFormAsync(ct);
        var who = form["customer"].ToString().Trim();
        var sendTo = form["send_to"].ToString().Trim();
        var directory = services.GetService<ICustomerDirectory>();
        var customer = who.Length == 0 || directory is null ? null
            : await directory.FindAsync(who, ct) ?? await directory.FindByEmailAsync(who, ct);
        FlowPreview preview;
        if (customer is null)
        {
            preview = new FlowPreview(who, sendTo, $"No customer '{who}': enter a customer id or email.", null);
        }
        else
        {
            var cart = await services.GetRequiredService<ICartReader>().GetCartAsync(customer.CustomerId, customer.CustomerId, ct);
            if (cart.Lines.Count == 0)
                cart = cart with { Lines = [SampleLine] };
            var store = services.GetRequiredService<IStoreContext>().Current;
            var message = await FlowMessages.RenderAsync(FlowMessages.Templates.From(settings.All),
                new FlowMessages.Model(customer with { Email = customer.Email ?? "no-email@example.invalid" }, cart, store,
                    unsubscribe.Create(store.Url, customer.CustomerId), 1));
            string? notice = null;
            if (form["action"] == "send")
            {
                if (!System.Net.Mail.MailAddress.TryCreate(sendTo, out _))
                    return await PageAsync(new FlowPreview(who, sendTo, $"'{sendTo}' is not an email address to send the test to.", message));
                await services.GetRequiredService<IEmailSender>().SendAsync(message with { To = sendTo, Subject = "[Test] " + message.Subject }, ct);
                notice = $"Test email sent to {sendTo} through the store's mail queue.";
            }
            preview = new FlowPreview(who, sendTo, notice, message);
        }
        return await PageAsync(preview);

        async Task<RazorComponentResult<FlowsPage>> PageAsync(FlowPreview shown) => new(new
        {
            Form = FlowForm.From(settings.All), Stats = await flows.StatsAsync(FlowStore.AbandonedCart, ct), Preview = shown,
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!, options.Value.AdminPath, options.Value.AssetsPath,
        });
    }
}

/// <summary>What the preview shows: for whom, the rendered message, and what happened.</summary>
public sealed record FlowPreview(string Customer, string SendTo, string? Notice, EmailMessage? Message);
