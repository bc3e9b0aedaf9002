using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Lifecycle;
using NopSegments.Data.Privacy;
using NopSegments.Data.Segments;
using NopSegments.Data.Tracking;
using NopSegments.Testing;
using NopSegments.Tracking;

namespace NopSegments.Data.Tests;

/// <summary>A person's export holds every row the module keeps about them, and erasing leaves none, on both providers.</summary>
public sealed class PersonalDataTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoreEvent E(string name, string visitor, double minutes, string? customer = null, params (string Key, object? Value)[] props) =>
        new(name, visitor, T0.AddMinutes(minutes)) { CustomerId = customer, SessionId = visitor + "-s", Properties = props.ToDictionary(p => p.Key, p => p.Value) };

    [SkippableTheory, MemberData(nameof(Providers))]
    public async Task A_customers_export_holds_every_table_and_erasing_them_leaves_nothing_but_other_peoples_rows(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var database = await TestDatabase.CreateAsync(provider);
        var contexts = new SegmentsDbContextFactory(provider, database.ConnectionString);
        await new ModuleLifecycle(contexts).InstallAsync();
        var clock = new FakeTimeProvider(T0.AddHours(1));
        var writer = new IngestionWriter(contexts, clock);
        await new SavedSegments(contexts, clock).SaveAsync(new SegmentDraft("browsers", "Browsers", null, "product_viewed(within 7d) >= 1"));
        // Ada logs in on a laptop, browses anonymously on a phone, then logs in there too (merging the phone's profile into hers).
        await writer.WriteAsync([E("logged_in", "laptop", 0, "ada"), E("product_viewed", "phone", 1, null, ("sku", "A"))]);
        await writer.WriteAsync([E("logged_in", "phone", 2, "ada"), E("searched", "laptop", 3, "ada", ("query", "lamp"))]);
        await writer.WriteAsync([E("product_viewed", "bob-phone", 0, "bob", ("sku", "B"))]);
        var deadLetters = new DeadLetters(contexts, clock);
        await deadLetters.KeepAsync(E("searched", "laptop", 4, "ada", ("query", "refused")), "refused for the test");
        await deadLetters.KeepAsync(E("searched", "bob-phone", 4, "bob", ("query", "refused")), "refused for the test");
        await using (var seed = contexts.Create())
        {
            var adaProfile = await seed.Profiles.Where(p => p.CustomerId == "ada").Select(p => p.Id).SingleAsync();
            var entry = new Flows.FlowEntry { Flow = "abandoned_cart", ProfileId = adaProfile, CustomerId = "ada", EnteredAt = T0.UtcDateTime };
            seed.FlowEntries.Add(entry);
            await seed.SaveChangesAsync();
            seed.FlowSends.Add(new Flows.FlowSend
            {
                SendKey = $"abandoned_cart:{entry.Id}:0", EntryId = entry.Id, Flow = "abandoned_cart", ProfileId = adaProfile, Channel = "email",
                Recipient = "ada@example.com", Subject = "Your cart", SentAt = T0.UtcDateTime, Status = Flows.FlowSend.Sent,
            });
            await seed.SaveChangesAsync();
        }
        var offers = new Campaigns.OfferLedger(contexts);
        foreach (var (token, visitor) in new[] { ("t1", "phone"), ("t2", "laptop"), ("t3", "bob-phone") })
        {
            await offers.MarkAsync(new Campaigns.OfferServe
            {
                Token = token, Campaign = "welcome", Variant = "A", Slot = "popup", VisitorId = visitor, SessionId = "s", ServedAt = T0.UtcDateTime,
            }, Campaigns.OfferAction.Viewed, T0.UtcDateTime, default);
        }
        var data = new PersonalData(contexts, clock);

        var export = JsonDocument.Parse((await data.ExportAsync("laptop"))!).RootElement;
        var erased = await data.EraseAsync("ada");

        Assert.Equal("ada", export.GetProperty("customerId").GetString());
        Assert.Equal(["laptop", "phone"], export.GetProperty("visitorIds").EnumerateArray().Select(v => v.GetString()).Order());
        Assert.Equal(["logged_in", "product_viewed", "logged_in", "searched"], export.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("lamp", export.GetProperty("events")[3].GetProperty("properties").GetProperty("query").GetString());
        Assert.Equal(1, export.GetProperty("profileMerges").GetArrayLength());
        Assert.Equal("browsers", export.GetProperty("segmentMemberships")[0].GetProperty("slug").GetString());
        Assert.NotEqual(0, export.GetProperty("segmentTransitions").GetArrayLength());
        Assert.Equal(1, export.GetProperty("refusedEvents").GetArrayLength());
        Assert.Equal("ada@example.com", export.GetProperty("flowSends")[0].GetProperty("recipient").GetString());
        Assert.Equal((1, 1), (erased["flow_entries"], erased["flow_sends"]));
        Assert.Equal(2, export.GetProperty("offersServed").GetArrayLength());
        Assert.Equal(2, erased["offer_serves"]);
        Assert.Equal(JsonValueKind.Object, export.GetProperty("profile").ValueKind);
        Assert.Equal(JsonValueKind.Object, export.GetProperty("profileState").ValueKind);
        Assert.Equal(4, erased["events"]);
        Assert.Equal((2, 1, 1, 1), (erased["identities"], erased["profile_merges"], erased["dead_letters"], erased["profiles"]));

        await using var db = contexts.Create();
        Assert.Equal(["bob-phone"], await db.Events.Select(e => e.VisitorId).Distinct().ToListAsync());
        Assert.Equal(["bob-phone"], await db.Identities.Select(i => i.VisitorId).ToListAsync());
        Assert.Equal(["bob-phone"], await db.Set<Campaigns.OfferServe>().Select(o => o.VisitorId).ToListAsync());
        Assert.Equal(["bob"], await db.Profiles.Select(p => p.CustomerId).ToListAsync());
        Assert.Equal(await db.Profiles.Select(p => p.Id).ToListAsync(), await db.ProfileStates.Select(s => s.ProfileId).ToListAsync());
        Assert.Equal(["bob"], await db.DeadLetters.Select(d => d.CustomerId).ToListAsync());
        Assert.Empty(await db.ProfileMerges.ToListAsync());
        Assert.Empty(await db.FlowEntries.ToListAsync());
        Assert.Empty(await db.FlowSends.ToListAsync());
        Assert.Single(await db.SegmentMembers.ToListAsync());
        Assert.All(await db.SegmentTransitions.ToListAsync(), t => Assert.NotEqual(export.GetProperty("profile").GetProperty("id").GetInt64(), t.ProfileId));
        Assert.Null(await data.ExportAsync("ada"));
        Assert.Empty(await data.EraseAsync("ada"));
    }
}
