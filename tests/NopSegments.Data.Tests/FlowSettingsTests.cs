using NopSegments.Data.Flows;

namespace NopSegments.Data.Tests;

public sealed class FlowSettingsTests
{
    private static FlowSettings Read(params (string Key, string Value)[] values) =>
        FlowSettings.Read(values.ToDictionary(v => v.Key, v => v.Value));

    [Fact]
    public void The_defaults_read_as_the_documented_flow()
    {
        var flows = Read();

        Assert.False(flows.AbandonedCartEnabled);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(72)], flows.AbandonedCartDelays);
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromHours(16)), (flows.Reentry, flows.FrequencyCap));
        Assert.Equal((new TimeOnly(21, 0), new TimeOnly(8, 0)), flows.QuietHours);
    }

    [Theory]
    [InlineData("flows.abandoned_cart.delays", "1h, 24x", "flows.abandoned_cart.delays: '24x' is not a duration: write a number and m, h, d or w, for example 30m or 24h")]
    [InlineData("flows.abandoned_cart.delays", "0m", "flows.abandoned_cart.delays: the shortest step is 1m")]
    [InlineData("flows.abandoned_cart.delays", "24h,1h", "flows.abandoned_cart.delays: each step must come after the one before, for example 1h,24h,72h")]
    [InlineData("flows.abandoned_cart.enabled", "yes", "flows.abandoned_cart.enabled: 'yes' is not true or false")]
    [InlineData("flows.quiet_hours", "9pm-8am", "flows.quiet_hours: '9pm-8am' is not a time range: write it as 21:00-08:00, or leave it empty for none")]
    [InlineData("flows.time_zone", "Mars/Olympus", "flows.time_zone: 'Mars/Olympus' is not a time zone: use an IANA name such as Europe/London")]
    public void A_setting_that_does_not_read_names_its_key_and_what_to_write(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<FlowSettingsException>(() => Read((key, value))).Message);

    [Theory]
    [InlineData("2026-12-06T22:30:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T07:59:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T08:00:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T14:00:00Z", "2026-12-07T14:00:00Z")]
    public void A_step_due_in_the_quiet_hours_waits_until_they_end(string due, string goes) =>
        Assert.Equal(DateTimeOffset.Parse(goes, System.Globalization.CultureInfo.InvariantCulture),
            Read().OutsideQuietHours(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Quiet_hours_are_the_stores_local_time()
    {
        // New York in December is UTC-5: 02:00 UTC is 21:00 there, and the quiet hours end at 08:00 there, 13:00 UTC.
        var flows = Read(("flows.time_zone", "America/New_York"));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero), flows.OutsideQuietHours(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));
    }
}
