var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/track", async (HttpRequest request) =>
{
    // Read the body as the real endpoint must, then accept.
    using var reader = new StreamReader(request.Body);
    await reader.ReadToEndAsync();
    return Results.Accepted();
});
await app.RunAsync();
