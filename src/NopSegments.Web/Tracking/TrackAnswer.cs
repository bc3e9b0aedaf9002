using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NopSegments.Web.Tracking;

/// <summary>
/// The endpoint's answer: 202 when any event was taken, 400 when every one was refused. Nearly every answer is "all N events taken", so those bodies are serialized
/// once; the tracker posts far more often than anything else on the site.
/// </summary>
internal sealed class TrackAnswer : IResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TrackAnswer[] AllTaken =
        [.. Enumerable.Range(0, TrackingEndpoint.MaxEvents + 1).Select(n => new TrackAnswer(new TrackResponse(n, [])))];

    private readonly byte[] body;
    private readonly int status;

    private TrackAnswer(TrackResponse response, int status = StatusCodes.Status202Accepted)
    {
        body = JsonSerializer.SerializeToUtf8Bytes(response, Json);
        this.status = status;
    }

    /// <summary>A 400 with the same body: every event was refused, each with its reason.</summary>
    public static TrackAnswer Refused(TrackResponse response) => new(response, StatusCodes.Status400BadRequest);

    public static TrackAnswer For(TrackResponse response) =>
        response is { Rejected.Count: 0, Ignored: null } && response.Accepted < AllTaken.Length ? AllTaken[response.Accepted] : new TrackAnswer(response);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, httpContext.RequestAborted);
    }
}
