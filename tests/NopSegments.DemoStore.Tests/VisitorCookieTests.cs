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
