using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Tracking;

/// <summary>
/// The endpoint's 202 answer. Nearly every answer is "all N events taken", so those bodies are serialized
/// once; the tracker posts far more often than anything else on the site.
/// </summary>
internal sealed class TrackAnswer : IResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TrackAnswer[] AllTaken =
        [.. Enumerable.Range(0, TrackingEndpoint.MaxEvents + 1).Select(n => new TrackAnswer(new TrackResponse(n, [])))];

    private readonly byte[] body;

    private TrackAnswer(TrackResponse response) => body = JsonSerializer.SerializeToUtf8Bytes(response, Json);

    public static TrackAnswer For(TrackResponse response) =>
        response is { Rejected.Count: 0, Ignored: null } && response.Accepted < AllTaken.Length ? AllTaken[response.Accepted] : new TrackAnswer(response);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, httpContext.RequestAborted);
    }
}
