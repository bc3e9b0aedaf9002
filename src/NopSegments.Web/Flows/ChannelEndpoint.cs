namespace NopSegments.Web.Flows;

/// <summary>The HTTP side the SMS and webhook channels share: the configured address, and what counts as delivered.</summary>
internal static class ChannelEndpoint
{
    public const string ClientName = "NopSegments.Channels";

    public static Uri Url(IReadOnlyDictionary<string, string> settings, string key, string what) =>
        Uri.TryCreate(settings.GetValueOrDefault(key), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw new InvalidOperationException($"No {what} is set: enter its address ({key}) on the Flows page.");

    public static async Task SendAsync(IHttpClientFactory http, HttpRequestMessage request, string what, CancellationToken ct)
    {
        using var response = await http.CreateClient(ClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"The {what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] : body)}");
    }
}
