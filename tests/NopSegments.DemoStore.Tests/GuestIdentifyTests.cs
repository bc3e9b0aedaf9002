using System.Net;
using System.Text.Json;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>The identify call the tracker makes from the checkout's email field, at the HTTP level.</summary>
public sealed class GuestIdentifyTests
{
    [Fact]
    public async Task A_guest_email_joins_the_visitor_to_a_guest_customer_but_never_opens_an_account_and_bad_input_is_refused()
    {
        var (store, sink, clock) = await FlowHarness.StartAsync();
        await using var _ = store;
        await using var __ = sink;
        await FlowHarness.RegisterAsync(store, "member@example.com", consents: true);
        var guest = store.NewBrowser();
        await guest.GetAsync("/");
        var quiet = store.NewBrowser();
        await FlowHarness.AddLanternsAsync(store, quiet);

        var bad = await guest.PostJsonAsync("/nopsegments/identify", """{"email":"not an address","consent":true}""");
        var notJson = await guest.PostJsonAsync("/nopsegments/identify", "email=x");
        var member = await guest.PostJsonAsync("/nopsegments/identify", """{"email":"member@example.com","consent":true}""");
        var known = await guest.PostJsonAsync("/nopsegments/identify", """{"email":"new.guest@example.com","consent":true}""");
        var noConsent = await quiet.PostJsonAsync("/nopsegments/identify", """{"email":"quiet.guest@example.com","consent":false}""");
        var events = await store.EventsAsync(guest.VisitorId);
        clock.Advance(TimeSpan.FromMinutes(61));
        var run = await FlowHarness.RunFlowsAsync(store);

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.False(Identified(member.Body));
        Assert.Contains("log in", member.Body, StringComparison.Ordinal);
        Assert.True(Identified(known.Body));
        Assert.True(Identified(noConsent.Body));
        Assert.Contains(events, e => e.Name == "identified" && e.CustomerId is not null);
        Assert.Contains(events, e => e.Name == "subscribed");
        // The quiet guest left a cart and an address, but no consent: nothing is sent.
        Assert.Equal((1, 0, 1), (run.Entered, run.Sent, run.Exited));
    }

    private static bool Identified(string body) => JsonDocument.Parse(body).RootElement.GetProperty("identified").GetBoolean();
}
