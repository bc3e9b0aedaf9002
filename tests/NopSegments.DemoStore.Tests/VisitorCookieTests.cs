using Microsoft.AspNetCore.DataProtection;
using NopSegments.Web.Visitors;
using Xunit;

namespace NopSegments.DemoStore.Tests;

public sealed class VisitorCookieTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Requests_with_the_same_stale_session_cookie_get_the_same_new_one_within_a_minute()
    {
        var protector = new VisitorCookieProtector(new EphemeralDataProtectionProvider());
        var stale = new VisitorSession("s1", "email", "news", "email", "winter", "mobile") { Country = "GB", RefreshedAt = Start };
        var raw = protector.Protect(System.Text.Json.JsonSerializer.Serialize(stale));

        var first = protector.Refresh(raw, stale, Start.AddMinutes(2), Minute);
        var again = protector.Refresh(raw, stale, Start.AddMinutes(2.5), Minute);
        var later = protector.Refresh(raw, stale, Start.AddMinutes(3.5), Minute);

        Assert.Equal(first.Cookie, again.Cookie);
        Assert.NotEqual(first.Cookie, later.Cookie);
        // The new cookie carries the same session, slid forward; the browser's next request reads it as such.
        Assert.Equal(stale with { RefreshedAt = Start.AddMinutes(2) }, protector.Session(first.Cookie));
        Assert.Equal(Start.AddMinutes(3.5), protector.Session(later.Cookie)!.RefreshedAt);
    }
}

public sealed class CookieHeaderTests
{
    public static TheoryData<string[]> Headers => new()
    {
        { ["a=1; nopsegments.vid=abc; b=2"] },
        { ["nopsegments.vid=abc;nopsegments.vid=def"] },
        { ["NOPSEGMENTS.VID=abc"] },
        { ["nopsegments.vid=\"quoted\""] },
        { ["nopsegments.vid=a%20b%2Fc"] },
        { ["nopsegments.vid=CfDJ8Abc-_xyz"] },
        { ["  nopsegments.vid=abc  ;x=1"] },
        { ["nopsegments.vid="] },
        { ["nopsegments.vidx=1; xnopsegments.vid=2; nopsegments.vid=3"] },
        { ["x=1", "nopsegments.vid=second-header"] },
        { ["nopsegments.vid=one", "nopsegments.vid=two"] },
        { ["nopsegments.vid=abc; nopsegments.vid="] },
        { ["garbage; nopsegments.vid=abc"] },
        { ["x=1, nopsegments.vid=abc"] },
        { ["x=\"a;b\"; nopsegments.vid=abc"] },
        { ["other=1"] },
        { [] },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void A_cookie_reads_as_the_request_cookie_collection_reads_it(string[] headers)
    {
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Headers.Cookie = headers;

        Assert.Equal(request.Cookies["nopsegments.vid"], CookieHeader.Value(request, "nopsegments.vid"));
    }
}
