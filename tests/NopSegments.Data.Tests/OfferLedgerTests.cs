using NopSegments.Data.Campaigns;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>
/// The ledger of served offers: what a person had of a campaign follows them across sessions and devices once they are
/// known; results count people per arm, and an order converts only within the window after a view or click.
/// </summary>
public sealed class OfferLedgerTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTime T0 = new(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, TimeSpan> Windows = new() { ["welcome"] = TimeSpan.FromDays(7) };

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task What_a_person_had_of_a_campaign_follows_them_across_sessions_and_devices_once_they_log_in(DatabaseProvider provider)
    {
        await using var store = await Store.InstalledAsync(provider);
        var (contexts, ledger, writer) = (store.Contexts, store.Ledger, store.Writer);
        await new SavedSegments(contexts, TimeProvider.System).SaveAsync(new SegmentDraft("shoppers", "Shoppers", null, "page_views_count >= 1"));
        await writer.WriteAsync([Event("page_viewed", "laptop", T0)]);

        await ledger.MarkAsync(Serve("t1", "laptop", "s1", T0), OfferAction.Viewed, T0, default);
        await ledger.MarkAsync(Serve("t2", "laptop", "s2", T0.AddHours(30)), OfferAction.Closed, T0.AddHours(30), default);
        await ledger.KeepCodeAsync(Serve("t2", "laptop", "s2", T0.AddHours(30)), "WELCOME-AAAA", default);
        var anonymous = await ledger.PersonAsync("laptop", "s2", Windows, T0.AddHours(31), default);
        // They log in on the laptop, then shop on their phone: one person.
        await writer.WriteAsync([Event("logged_in", "laptop", T0.AddHours(32), "c1"), Event("page_viewed", "phone", T0.AddHours(33), "c1")]);
        var onThePhone = await ledger.PersonAsync("phone", "s3", Windows, T0.AddHours(33), default);
        await writer.WriteAsync([Event("order_placed", "phone", T0.AddHours(34), "c1", ("order_id", "1"), ("value", 30m))]);
        var afterTheOrder = await ledger.PersonAsync("phone", "s3", Windows, T0.AddHours(35), default);
        var stranger = await ledger.PersonAsync("unknown", "s9", Windows, T0, default);

        Assert.Equal(("laptop", 1, 1, 2, true, true), (anonymous.Key, anonymous.Exposure["welcome"].ThisSession, anonymous.Exposure["welcome"].Today,
            anonymous.Exposure["welcome"].Total, anonymous.Exposure["welcome"].Closed, anonymous.FirstSession));
        Assert.Equal(["shoppers"], anonymous.Segments);
        Assert.Equal(("c1", 0, 2, "WELCOME-AAAA"), (onThePhone.Key, onThePhone.Exposure["welcome"].ThisSession, onThePhone.Exposure["welcome"].Total, onThePhone.Codes["welcome"]));
        Assert.False(onThePhone.Exposure["welcome"].Converted);
        Assert.True(afterTheOrder.Exposure["welcome"].Converted);
        Assert.Equal(("unknown", 0, true), (stranger.Key, stranger.Segments.Count, stranger.FirstSession));
    }

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task Results_count_each_person_once_in_their_arm_and_orders_only_within_the_window(DatabaseProvider provider)
    {
        await using var store = await Store.InstalledAsync(provider);
        var (contexts, ledger, writer) = (store.Contexts, store.Ledger, store.Writer);
        await writer.WriteAsync([Event("page_viewed", "ann", T0), Event("page_viewed", "bob", T0), Event("page_viewed", "cat", T0)]);
        await ledger.MarkAsync(Serve("a1", "ann", "s1", T0, "A"), OfferAction.Viewed, T0, default);
        await ledger.MarkAsync(Serve("a2", "ann", "s1", T0.AddMinutes(5), "A"), OfferAction.Clicked, T0.AddMinutes(5), default);
        await ledger.MarkAsync(Serve("b1", "bob", "s2", T0, "A"), OfferAction.Closed, T0, default);
        await ledger.MarkAsync(Serve("c1", "cat", "s3", T0, null), OfferAction.Viewed, T0, default);
        await writer.WriteAsync(
        [
            Event("order_placed", "ann", T0.AddDays(6.9), "ann", ("order_id", "1"), ("value", 30m)),  // within 7 days of the click
            Event("order_placed", "ann", T0.AddDays(6.95), "ann", ("order_id", "2"), ("value", 12.5m)),
            Event("order_placed", "bob", T0.AddDays(8), "bob", ("order_id", "3"), ("value", 99m)),      // too late
            Event("order_placed", "cat", T0.AddDays(1), "cat", ("order_id", "4"), ("value", 20m)),      // the holdout buys anyway
        ]);

        var (arms, days) = await new CampaignResults(contexts).ForAsync("welcome", TimeSpan.FromDays(7), null, default);

        Assert.Equal(
            [new VariantResult("A", 2, 3, 1, 1, 1, 42.5m), new VariantResult(null, 1, 1, 0, 0, 1, 20m)],
            arms);
        Assert.Equal(
            [new ResultDay(DateOnly.FromDateTime(T0), "A", 3, 0), new ResultDay(DateOnly.FromDateTime(T0), null, 1, 0),
             new ResultDay(DateOnly.FromDateTime(T0.AddDays(1)), null, 0, 1), new ResultDay(DateOnly.FromDateTime(T0.AddDays(6.9)), "A", 0, 1)],
            days);
    }

    [Fact]
    public void A_rate_has_its_wilson_interval_and_a_lift_with_its_p_value()
    {
        var tenPercent = ConversionRate.Of(10, 100);
        var twentyPercent = ConversionRate.Of(20, 100);

        Assert.Equal((0.0552, 0.1744), (Math.Round(tenPercent.Low, 4), Math.Round(tenPercent.High, 4)));
        Assert.Equal((0.0, 0.0), (ConversionRate.Of(0, 0).Low, ConversionRate.Of(0, 0).High));
        Assert.Equal(0.0, ConversionRate.Of(0, 10).Low);
        Assert.Equal(1.0, Math.Round(twentyPercent.LiftOver(tenPercent)!.Value, 6));
        Assert.Equal(0.0477, Math.Round(twentyPercent.PValueAgainst(tenPercent)!.Value, 4));
        Assert.Null(tenPercent.LiftOver(ConversionRate.Of(0, 50)));
    }

    [Fact]
    public void An_error_path_points_at_its_line()
    {
        const string json = """
            {
              "slug": "welcome",
              "content": {
                "titel": "Hi"
              },
              "variants": [ { "name": "A", "weight": 50 },
                            { "name": "B", "weight": 0 } ]
            }
            """;

        Assert.Equal(4, JsonLines.LineOf(json, "$.content.titel"));
        Assert.Equal(3, JsonLines.LineOf(json, "$.content.title"));
        Assert.Equal(7, JsonLines.LineOf(json, "$.variants[1].weight"));
        Assert.Equal(2, JsonLines.LineOf("{\n  \"slug\": \"a\",,\n}", "$"));
    }

    /// <summary>An installed database with the ledger and an event writer on it.</summary>
    private sealed record Store(TestDatabase Database, SegmentsDbContextFactory Contexts) : IAsyncDisposable
    {
        public OfferLedger Ledger { get; } = new(Contexts);
        public IngestionWriter Writer { get; } = new(Contexts, TimeProvider.System);

        public static async Task<Store> InstalledAsync(DatabaseProvider provider)
        {
            var database = await TestDatabase.InstalledAsync(provider);
            return new Store(database, new SegmentsDbContextFactory(provider, database.ConnectionString));
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static OfferServe Serve(string token, string visitor, string session, DateTime at, string? variant = "A") => new()
    {
        Token = token, Campaign = "welcome", Variant = variant, Slot = "home_page_top", VisitorId = visitor, SessionId = session, ServedAt = at,
    };

    private static StoreEvent Event(string name, string visitor, DateTime at, string? customer = null, params (string Key, object? Value)[] props) =>
        new(name, visitor, new DateTimeOffset(at)) { CustomerId = customer, SessionId = visitor + "-s", Properties = props.ToDictionary(p => p.Key, p => p.Value) };
}
