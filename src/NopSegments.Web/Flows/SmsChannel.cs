using System.Net.Http.Headers;
using System.Net.Http.Json;
using NopSegments.Data.Flows;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// Text messages through the SMS provider set in the admin (<c>channels.sms.url</c>, <c>.token</c>, <c>.from</c>): a JSON
/// POST of <c>{"from", "to", "text", "reference"}</c> with the token as a bearer token. Any 2xx answer is a send.
/// </summary>
internal sealed class SmsChannel(IHttpClientFactory http) : IFlowChannel
{
    public const int MostCharacters = 480;

    public string Name => FlowChannelNames.Sms;

    public string NoRecipient => "no_phone";

    public string? RecipientOf(CustomerInfo customer, IReadOnlyDictionary<string, string> settings) => customer.Phone;

    public async Task<string> SendAsync(FlowDelivery delivery, CancellationToken ct)
    {
        var url = ChannelEndpoint.Url(delivery.Settings, "channels.sms.url", "SMS provider");
        var text = await FlowMessages.RenderSmsAsync(FlowMessages.Templates.For(delivery.Settings, delivery.Flow.Key), delivery.Model);
        if (text.Length > MostCharacters)
            text = text[..MostCharacters];
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new Dictionary<string, string?>
            {
                ["from"] = delivery.Settings.GetValueOrDefault("channels.sms.from"), ["to"] = delivery.Recipient, ["text"] = text,
                ["reference"] = delivery.SendKey,
            }),
        };
        if (delivery.Settings.GetValueOrDefault("channels.sms.token") is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await ChannelEndpoint.SendAsync(http, request, "SMS provider", ct);
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
