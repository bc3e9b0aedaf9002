using System.Net.Sockets;
using System.Text;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>A slow network hands the endpoint a body in parts; every part must be waited for, none read twice.</summary>
public sealed class TrackingBodyTests
{
    private const string Body = """{"events":[{"name":"page_viewed","properties":{"url":"http://localhost/","title":"Sent in parts"}}]}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_that_arrives_in_parts_is_read_whole(bool chunked)
    {
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var half = Body.Length / 2;
        var head = "POST /nopsegments/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n" +
            (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {Body.Length}\r\n\r\n");
        string[] parts = chunked
            ? [$"{head}{half:x}\r\n{Body[..half]}\r\n", $"{Body.Length - half:x}\r\n{Body[half..]}\r\n0\r\n\r\n"]
            : [head + Body[..half], Body[half..]];

        var answer = await SendInPartsAsync(store.ServerAddress, parts);

        Assert.StartsWith("HTTP/1.1 202", answer, StringComparison.Ordinal);
        Assert.Contains("\"accepted\":1", answer, StringComparison.Ordinal);
        var stored = Assert.Single(await store.EventsAsync(name: "page_viewed"));
        Assert.Contains("Sent in parts", stored.Properties, StringComparison.Ordinal);
    }

    private static async Task<string> SendInPartsAsync(Uri server, string[] parts)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        foreach (var part in parts)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(part));
            await stream.FlushAsync();
            // Long enough that the endpoint has read and looked at the first part before the rest is there.
            await Task.Delay(300);
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
