using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Flows;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>Email through the host's mail queue (<see cref="IEmailSender"/>), with an open pixel and tracked links.</summary>
internal sealed class EmailChannel(EmailTrackingLinks tracking) : IFlowChannel
{
    public string Name => FlowChannelNames.Email;

    public string NoRecipient => "no_email";

    public string? RecipientOf(CustomerInfo customer, IReadOnlyDictionary<string, string> settings) => customer.Email;

    public async Task<string> SendAsync(FlowDelivery delivery, CancellationToken ct)
    {
        var storeUrl = delivery.Model.Store.Url;
        var message = await FlowMessages.RenderEmailAsync(FlowMessages.Templates.For(delivery.Settings, delivery.Flow.Key), delivery.Model,
            target => tracking.Click(storeUrl, delivery.SendId, target));
        var pixel = $"<img src=\"{tracking.Open(storeUrl, delivery.SendId).AbsoluteUri}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
        await delivery.Services.GetRequiredService<IEmailSender>().SendAsync(message with { HtmlBody = message.HtmlBody + pixel }, ct);
        return message.Subject;
    }
}
