using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Tests;

/// <summary>The visitor's country from the IP-to-country database the demo store installs from npm.</summary>
public sealed class GeoTests
{
    [Fact]
    public async Task Public_addresses_have_a_country_and_private_ones_none()
    {
        await using var store = await StoreFactory.CreateAsync();
        var geo = store.Services.GetRequiredService<GeoLocator>();

        Assert.Equal("US", geo.Locate(IPAddress.Parse("8.8.8.8")).Country);
        Assert.Equal("DE", geo.Locate(IPAddress.Parse("2a01:238:20a:202:1159::")).Country);
        Assert.Null(geo.Locate(IPAddress.Loopback).Country);
        Assert.Null(geo.Locate(IPAddress.Parse("192.168.1.20")).Country);
        Assert.Null(geo.Locate(null).Country);
    }

    [Fact]
    public async Task A_visitors_events_carry_the_country_of_their_address()
    {
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = store.ServerAddress };
        // The test client stands behind a proxy on 127.0.0.1 that forwards a visitor from 8.8.8.8.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "8.8.8.8");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/product/71053")).StatusCode);

        var visitor = store.UnprotectVisitorCookie(cookies.GetCookies(store.ServerAddress)["nopsegments.vid"]!.Value)!;
        var view = Assert.Single(await store.EventsAsync(visitor));
        Assert.Equal("US", JsonDocument.Parse(view.Properties).RootElement.GetProperty("country").GetString());
    }

    [Fact]
    public async Task A_session_the_browser_tracker_starts_behind_a_proxy_has_the_visitors_country()
    {
        // The tracking endpoint runs ahead of the store's pipeline, so it must apply the forwarded address itself.
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = store.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "8.8.8.8");

        using var response = await client.PostAsync("/nopsegments/track", new StringContent(
            """{"events":[{"name":"page_viewed","properties":{"url":"https://shop.example/product/71053","title":"Lantern"}}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var visitor = store.UnprotectVisitorCookie(cookies.GetCookies(store.ServerAddress)["nopsegments.vid"]!.Value)!;
        var view = Assert.Single(await store.EventsAsync(visitor));
        Assert.Equal("US", JsonDocument.Parse(view.Properties).RootElement.GetProperty("country").GetString());
    }
}
