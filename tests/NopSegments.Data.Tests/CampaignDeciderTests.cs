using NopSegments.Data.Campaigns;

using NopSegments.Testing;

namespace NopSegments.Data.Tests;

/// <summary>The offer decision: audience, schedule, caps, priority per slot, and sticky variants with a holdout.</summary>
public sealed class CampaignDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly VisitFacts ProductPage = new("product", "Candles", "newsletter", "winter", "mobile", NewSession: false, CartValue: 40);

    private static CampaignDefinition Campaign(string json) => CampaignReader.Read(json, ["cart-abandoners", "vip"]);

    private static readonly CampaignDefinition Comeback = Campaign("""
        {
          "slug": "cart-comeback", "name": "10 % off for cart abandoners who come back", "priority": 5,
          "audience": { "segment": "cart-abandoners", "pageTypes": ["product"], "session": "returning" },
          "placement": "productdetails_top", "caps": { "perSession": 1, "perDay": 2, "total": 3 },
          "content": { "title": "Welcome back", "body": "<p>Take 10 % off</p>", "cta": "Shop", "ctaUrl": "/cart" },
          "discount": { "percent": 10, "valid": "7d" }, "variants": [ { "name": "A", "weight": 50 }, { "name": "B", "weight": 50, "content": { "title": "Still yours" } } ],
          "holdout": 10, "schedule": { "start": "2026-12-01", "end": "2026-12-25", "timeZone": "Europe/London" }
        }
        """);

    private static readonly CampaignDefinition Everyone = Campaign("""
        { "slug": "free-delivery", "name": "Free delivery", "placement": "productdetails_top", "content": { "title": "Free delivery over £50" } }
        """);

    private static PersonFacts Person(string key, params string[] segments) => new(key, segments.ToHashSet(), new Dictionary<string, CampaignExposure>());

    [Fact]
    public void A_person_in_the_segment_gets_the_higher_priority_offer_and_others_the_general_one()
    {
        var decider = new CampaignDecider([Everyone, Comeback]);
        var inside = Enumerable.Range(0, 200).Select(i => decider.Decide(ProductPage, Person($"v{i}", "cart-abandoners"), Now).Single()).ToList();
        var outside = decider.Decide(ProductPage, Person("v1"), Now).Single();
        var firstVisit = decider.Decide(ProductPage with { NewSession = true }, Person("v1", "cart-abandoners"), Now).Single();

        Assert.All(inside, d => Assert.Equal("cart-comeback", d.Campaign.Slug));
        Assert.Equal("free-delivery", outside.Campaign.Slug);
        Assert.Equal("free-delivery", firstVisit.Campaign.Slug);
    }

    [Fact]
    public void Assignment_is_sticky_per_person_and_splits_traffic_by_weight_with_a_holdout_that_sees_nothing()
    {
        var people = Enumerable.Range(0, 20_000).Select(i => $"visitor-{i}").ToList();
        var first = people.Select(p => CampaignDecider.Assign(Comeback, p)).ToList();
        var again = people.Select(p => CampaignDecider.Assign(Comeback, p)).ToList();
        var holdout = first.Count(d => d.IsHoldout) / 20_000.0;
        var b = first.Count(d => d.Variant == "B") / 20_000.0;

        Assert.Equal(first.Select(d => d.Variant), again.Select(d => d.Variant));
        Assert.InRange(holdout, 0.09, 0.11);
        Assert.InRange(b, 0.43, 0.47);
        Assert.All(first.Where(d => d.IsHoldout), d => Assert.Null(d.Content));
        Assert.All(first.Where(d => d.Variant == "B"), d => Assert.Equal("Still yours", d.Content!.Title));
    }

    [Fact]
    public void Caps_closing_converting_and_the_schedule_stop_an_offer()
    {
        var decider = new CampaignDecider([Comeback]);
        PersonFacts Had(CampaignExposure exposure) => new("v1", new HashSet<string> { "cart-abandoners" }, new Dictionary<string, CampaignExposure> { ["cart-comeback"] = exposure });

        Assert.Single(decider.Decide(ProductPage, Had(new(0, 1, 2, false, false)), Now));
        Assert.Empty(decider.Decide(ProductPage, Had(new(1, 1, 1, false, false)), Now));
        Assert.Empty(decider.Decide(ProductPage, Had(new(0, 2, 2, false, false)), Now));
        Assert.Empty(decider.Decide(ProductPage, Had(new(0, 0, 3, false, false)), Now));
        Assert.Empty(decider.Decide(ProductPage, Had(new(0, 0, 1, true, false)), Now));
        Assert.Empty(decider.Decide(ProductPage, Had(new(0, 0, 1, false, true)), Now));
        // The schedule is the store's local time: London midnight of the 25th ends it.
        Assert.Empty(decider.Decide(ProductPage, Person("v1", "cart-abandoners"), new DateTimeOffset(2026, 12, 25, 0, 0, 0, TimeSpan.Zero)));
        Assert.Empty(decider.Decide(ProductPage with { PageType = "category" }, Person("v1", "cart-abandoners"), Now));
    }

    [Theory]
    [InlineData("""{ "name": "x", "placement": "popup", "content": { "title": "t" } }""", "$.slug: missing")]
    [InlineData("""{ "slug": "Bad Slug", "name": "x", "placement": "popup", "content": { "title": "t" } }""", "$.slug: 'Bad Slug' is not a slug")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "titel": "t" } }""", "$.content.titel: unknown property (expected title, body, image, cta, ctaUrl)")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t" }, "audience": { "segment": "gone" } }""", "$.audience.segment: 'gone' is not a saved segment")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "Side Bar", "content": { "title": "t" } }""", "$.placement: 'Side Bar' is not a widget zone's name, top_bar or popup")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t" }, "holdout": 80 }""", "$.holdout: write a whole number from 0 to 50")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t", "ctaUrl": "javascript:alert(1)" } }""", "$.content.ctaUrl: 'javascript:alert(1)' is not an http(s) address or a path starting with /")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t" }, "trigger": { "on": "hover" } }""", "$.trigger.on: 'hover' is not arrival, delay, scroll or exit_intent")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t" }, "schedule": { "start": "2026-12-24", "end": "2026-12-01" } }""", "$.schedule.end: the end must come after the start")]
    [InlineData("""{ "slug": "x1", "name": "x", "placement": "popup", "content": { "title": "t" }, "variants": [ { "name": "A", "weight": 1 }, { "name": "A", "weight": 1 } ] }""", "$.variants[1].name: a second variant named 'A'")]
    [InlineData("""{ "slug": "x1", """, "$: not JSON")]
    public void A_definition_that_does_not_read_names_the_path_and_what_to_write(string json, string message) =>
        Assert.StartsWith(message, Assert.Throws<CampaignDefinitionException>(() => CampaignReader.Read(json, ["vip"])).Message, StringComparison.Ordinal);

    [Fact]
    public void The_example_in_the_docs_reads_as_documented()
    {
        var doc = File.ReadAllText(RepositoryFile.Find("docs/campaigns.md"));
        var json = System.Text.RegularExpressions.Regex.Match(doc, "```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

        var campaign = CampaignReader.Read(json, ["cart-abandoners"]);

        Assert.Equal(("cart-comeback", "productdetails_top", 10, 10), (campaign.Slug, campaign.Placement.Slot, campaign.Priority, campaign.HoldoutPercent));
        Assert.Equal(new CampaignTrigger("delay", 5), campaign.Trigger);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero), campaign.Schedule.End);
        Assert.Equal(["A", "B"], campaign.Variants.Select(v => v.Name));
    }
}
