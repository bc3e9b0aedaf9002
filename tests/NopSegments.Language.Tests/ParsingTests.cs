using NopSegments.Language.Syntax;

namespace NopSegments.Language.Tests;

public sealed class ParsingTests
{
    public static TheoryData<string, string> Cases => CaseFile.Read("parse.txt");

    public static TheoryData<string, string> Errors => CaseFile.Read("errors.txt");

    [Theory, MemberData(nameof(Cases))]
    public void A_query_prints_canonically_and_the_canonical_text_parses_back_to_itself(string query, string canonical)
    {
        var printed = QueryPrinter.Print(Parser.Parse(query));

        Assert.Equal(canonical, printed);
        Assert.Equal(canonical, QueryPrinter.Print(Parser.Parse(printed)));
    }

    [Theory, MemberData(nameof(Errors))]
    public void A_query_that_does_not_parse_or_bind_is_rejected_with_position_and_suggestion(string query, string message)
    {
        var error = Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse(query));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Nesting_is_limited_with_the_position_where_it_went_too_deep()
    {
        var deepest = string.Concat(Enumerable.Repeat("(", Parser.MaxDepth)) + "orders_count > 1" + new string(')', Parser.MaxDepth);
        var tooDeep = string.Concat(Enumerable.Repeat("NOT (", Parser.MaxDepth / 2 + 1)) + "orders_count > 1" + new string(')', Parser.MaxDepth / 2 + 1);

        Assert.NotNull(SegmentQuery.Parse(deepest));
        var error = Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse(tooDeep));
        // Each "NOT (" is two levels: the 65th is the NOT of the 33rd, at column 32 × 5 + 1.
        Assert.Equal("the query nests more than 64 levels of parentheses and NOT here; write it flatter at 1:161", error.Message);
        // A hundred thousand parentheses are refused the same way, not with a crashed process.
        Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse(new string('(', 100_000) + "orders_count > 1"));
    }

    [Fact]
    public void Positions_count_lines_and_columns_across_comments()
    {
        const string query = "orders_count >= 3 -- buyers\nAND\n  contry = \"SE\"";

        var error = Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse(query));

        Assert.Equal((3, 3, "country"), (error.Position.Line, error.Position.Column, error.Suggestion));
    }

    [Fact]
    public void In_segment_names_only_saved_segments_and_suggests_the_closest()
    {
        var error = Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse("in_segment(\"vips\")", ["vip", "lapsed"]));

        Assert.Equal("unknown segment 'vips' at 1:12; did you mean 'vip'?", error.Message);
        Assert.Equal("in_segment(\"vip\")", SegmentQuery.Parse("in_segment(\"vip\")", ["vip"]).Text);
    }
}
