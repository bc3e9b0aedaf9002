using NopSegments.Tracking;

namespace NopSegments.Core.Tests;

public sealed class StoredTextTests
{
    // Written escaped: a test case's text travels through UTF-8, which cannot carry an unpaired surrogate.
    [Theory]
    [InlineData(@"plain text", -1)]
    [InlineData(@"tab\tand\nline feed", -1)]
    [InlineData(@"emoji \ud83c\udf84 pair", -1)]
    [InlineData(@"nul\u0000", 3)]
    [InlineData(@"\r", 0)]
    [InlineData(@"del\u007f", 3)]
    [InlineData(@"lone \ud800 high", 5)]
    [InlineData(@"lone \udc00 low", 5)]
    [InlineData(@"ends high \ud83c", 10)]
    public void Only_control_characters_and_unpaired_surrogates_are_refused(string escaped, int at) =>
        Assert.Equal(at, StoredText.FirstRefused(System.Text.RegularExpressions.Regex.Unescape(escaped)));

    [Fact]
    public void Cleaning_keeps_tabs_line_feeds_and_surrogate_pairs()
    {
        Assert.Equal("a\tb\nc \ud83c\udf84 d", StoredText.Clean("a\u0000\tb\r\nc \ud83c\udf84 \ud800d\u001b"));
        var same = "nothing to clean";
        Assert.Same(same, StoredText.Clean(same));
    }

    [Fact]
    public void A_refusal_names_the_character_and_where_it_is() =>
        Assert.Equal("holds a control character (U+0000) at character 4; text may hold tabs and line breaks but no other control characters",
            StoredText.Refusal("abc\u0000"));

    [Fact]
    public void An_id_with_a_control_character_is_refused_never_cleaned() =>
        Assert.StartsWith("the customer id holds a control character (U+0000)",
            EventValidator.Validate(new StoreEvent("logged_in", "v1", DateTimeOffset.UtcNow) { CustomerId = "12\u00003" }), StringComparison.Ordinal);
}
