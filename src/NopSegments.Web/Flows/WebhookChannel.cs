using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NopSegments.Data.Flows;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// A webhook step: posts the step's values as JSON to <c>channels.webhook.url</c>, signed so the receiver can tell it
/// came from this store unchanged — <c>X-NopSegments-Signature: sha256=</c> the hex HMAC-SHA256, keyed by
/// <c>channels.webhook.secret</c>, of <c>{timestamp}.{body}</c>, with the timestamp (Unix seconds) in
/// <c>X-NopSegments-Timestamp</c> and the send key (the same on a retry) in <c>X-NopSegments-Delivery</c>.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory http, TimeProvider clock) : IFlowChannel
{
    public string Name => FlowChannelNames.Webhook;

    public string NoRecipient => "no_webhook_url";

    // The person needs no address of their own: the endpoint is the store's (a missing one fails the send, with the reason).
    public string? RecipientOf(CustomerInfo customer, IReadOnlyDictionary<string, string> settings) =>
        settings.GetValueOrDefault("channels.webhook.url") ?? "";

    public async Task<string> SendAsync(FlowDelivery delivery, CancellationToken ct)
    {
        var url = ChannelEndpoint.Url(delivery.Settings, "channels.webhook.url", "webhook");
        var payload = FlowMessages.Values(delivery.Model);
        payload["event"] = "flow_step";
        payload["flow_key"] = delivery.Flow.Key;
        payload["send_key"] = delivery.SendKey;
        payload["customer_id"] = delivery.Model.Customer.CustomerId;
        var body = JsonSerializer.Serialize(payload);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-NopSegments-Timestamp", timestamp);
        request.Headers.Add("X-NopSegments-Delivery", delivery.SendKey);
        request.Headers.Add("X-NopSegments-Signature", "sha256=" + Sign(delivery.Settings.GetValueOrDefault("channels.webhook.secret") ?? "", timestamp, body));
        await ChannelEndpoint.SendAsync(http, request, "webhook", ct);
        return url.Host;
    }

    /// <summary>The signature a receiver recomputes to check a delivery.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
