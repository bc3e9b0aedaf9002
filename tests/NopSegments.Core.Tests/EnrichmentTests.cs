using NopSegments.Tracking.Enrichment;

namespace NopSegments.Core.Tests;

public sealed class EnrichmentTests
{
    [Theory]
    [InlineData("https://shop.example/", null, "direct")]
    [InlineData("https://shop.example/", "https://shop.example/category/bags", "direct")]
    [InlineData("https://shop.example/", "https://www.google.co.uk/", "organic_search")]
    [InlineData("https://shop.example/", "https://duckduckgo.com/", "organic_search")]
    [InlineData("https://shop.example/", "https://l.facebook.com/l.php", "social")]
    [InlineData("https://shop.example/", "https://t.co/abc", "social")]
    [InlineData("https://shop.example/", "https://mail.google.com/mail/u/0", "email")]
    [InlineData("https://shop.example/", "https://www.giftblog.co.uk/best-candles", "referral")]
    [InlineData("https://shop.example/?gclid=abc", "https://www.google.com/", "paid_search")]
    [InlineData("https://shop.example/?fbclid=abc", null, "social")]
    [InlineData("https://shop.example/?utm_source=google&utm_medium=cpc", null, "paid_search")]
    [InlineData("https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=spring", null, "email")]
    [InlineData("https://shop.example/?utm_source=klaviyo&utm_medium=Email", null, "email")]
    [InlineData("https://shop.example/?utm_source=facebook&utm_medium=paid_social", null, "social")]
    [InlineData("https://shop.example/?utm_source=instagram&utm_medium=social", null, "social")]
    [InlineData("https://shop.example/?utm_source=gdn&utm_medium=display", null, "display")]
    [InlineData("https://shop.example/?utm_source=awin&utm_medium=affiliate", null, "affiliate")]
    [InlineData("https://shop.example/?utm_source=bing&utm_medium=organic", null, "organic_search")]
    [InlineData("https://shop.example/?utm_source=partnerblog&utm_medium=referral", null, "referral")]
    [InlineData("https://shop.example/?utm_source=google", null, "organic_search")]
    [InlineData("https://shop.example/?utm_source=qr-poster&utm_medium=print", null, "other")]
    public void Sessions_get_their_channel_from_tags_then_click_ids_then_the_referrer(string landing, string? referrer, string channel) =>
        Assert.Equal(channel, TrafficChannels.Classify(LandingInfo.FromUrl(new Uri(landing), referrer is null ? null : new Uri(referrer))));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", null, "desktop")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "?1", "mobile")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", null, "mobile")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", null, "mobile")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", null, "tablet")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "?0", "tablet")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", null, "desktop")]
    [InlineData("", "?1", "mobile")]
    [InlineData(null, null, "desktop")]
    public void Devices_come_from_client_hints_and_the_user_agent(string? userAgent, string? mobileHint, string device) =>
        Assert.Equal(device, DeviceTypes.Classify(userAgent, mobileHint));

    [Fact]
    public void A_touch_screen_mac_is_an_ipad() =>
        Assert.Equal("tablet", DeviceTypes.Classify(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", null, touchMac: true));
}
