namespace NopSegments.Language.Tests;

public sealed class TemplateTests
{
    [Fact]
    public void Every_template_is_a_valid_query_in_canonical_form_with_a_unique_slug()
    {
        foreach (var template in SegmentTemplates.All)
            Assert.Equal(template.Query, SegmentQuery.Parse(template.Query).Text);
        Assert.Equal(SegmentTemplates.All.Count, SegmentTemplates.All.Select(t => t.Slug).Distinct().Count());
        Assert.Equal(10, SegmentTemplates.All.Count);
    }

    [Theory]
    [InlineData("hibernating", "cy")]
    [InlineData("lapsed-buyers", "")]
    [InlineData("cart-abandoners", "bob")]
    [InlineData("new-customers", "")]
    public void Templates_find_the_shoppers_they_describe(string slug, string members)
    {
        var query = SegmentQuery.Parse(SegmentTemplates.All.Single(t => t.Slug == slug).Query);

        var matched = ShopFixture.At(ShopFixture.Now).Where(query.Matches).Select(p => p.Key);

        Assert.Equal(members, string.Join(", ", matched));
    }
}
