using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Flows;
using NopSegments.Data.Ingestion;
using NopSegments.Hosting;
using NopSegments.Tracking;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Flows;

/// <summary>
/// Sends a step through its channel under the step's send key (claimed first, so a discount code is issued and a
/// message sent once per step whatever runs it), and keeps the outcome in the ledger: sent, failed with the reason
/// (tried again later), or skipped with why.
/// </summary>
internal sealed class FlowSendLedger(
    FlowStore store, ModuleSettings settings, UnsubscribeLinks unsubscribe, ISegmentsTracker tracker, ILogger<FlowSendLedger> logger)
{
    public static readonly TimeSpan RetryFailedSendAfter = TimeSpan.FromMinutes(5);

    /// <summary>Whether this run sent the step, and when to try again if the channel refused it.</summary>
    public sealed record Handover(bool Sent, DateTime? RetryAt);

    public IReadOnlyDictionary<string, string> Settings => settings.All;

    public static string KeyOf(FlowEntry entry) => $"{entry.Flow}:{entry.Id}:{entry.NextStep}";

    public async Task<Handover> SendAsync(
        FlowEntry entry, FlowDefinition flow, IFlowChannel channel, string recipient, CustomerInfo customer, CartSnapshot cart, IServiceProvider services,
        DateTimeOffset now, CancellationToken ct)
    {
        var key = KeyOf(entry);
        if (await store.ClaimAsync(Row(entry, channel.Name, recipient, FlowSend.Sending, now), ct) is not { } sendId)
            return new Handover(false, null);
        string summary;
        try
        {
            var model = await ModelAsync(entry, flow, customer, cart, services, now, ct);
            summary = await channel.SendAsync(new FlowDelivery(flow, sendId, key, recipient, model, settings.All, services), ct);
        }
#pragma warning disable CA1031 // The failure is kept on the send and the step is tried again; the run goes on.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            await store.MarkSendAsync(key, FlowSend.Failed, ex.Message, null, ct);
            logger.LogWarning("Flow {Flow} step {Step}: the {Channel} could not be handed over: {Problem}", entry.Flow, entry.NextStep + 1, channel.Name, ex.Message);
            return new Handover(false, now.UtcDateTime + RetryFailedSendAfter);
        }
        await store.MarkSendAsync(key, FlowSend.Sent, null, summary, ct);
        if (channel.Name == FlowChannelNames.Email)
        {
            // A fact of the person, for segments ("sent the reminder but never opened it").
            tracker.Track(new StoreEvent(EventNames.EmailSent, customer.CustomerId, now)
            {
                CustomerId = customer.CustomerId,
                Properties = new Dictionary<string, object?> { ["flow"] = entry.Flow, ["step"] = (entry.NextStep + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }
        logger.LogInformation("Flow {Flow} step {Step}: sent {Channel} to customer {Customer}", entry.Flow, entry.NextStep + 1, channel.Name, entry.CustomerId);
        return new Handover(true, null);
    }

    /// <summary>Keeps a step that did not go to this person in the ledger, with why.</summary>
    public async Task SkipAsync(FlowEntry entry, FlowDefinition flow, FlowStep step, string why, DateTimeOffset now, CancellationToken ct)
    {
        var row = Row(entry, step.Channel, "", FlowSend.Skipped, now);
        row.Detail = why;
        await store.ClaimAsync(row, ct);
    }

    /// <summary>
    /// The values the step's message shows: the person, the cart, the trigger's product or order, and a code — issued by
    /// the host, or for a preview (<paramref name="issueCode"/> false) a sample that works nowhere.
    /// </summary>
    public async Task<FlowMessages.Model> ModelAsync(
        FlowEntry entry, FlowDefinition flow, CustomerInfo customer, CartSnapshot cart, IServiceProvider services, DateTimeOffset now, CancellationToken ct,
        bool issueCode = true)
    {
        var storeInfo = services.GetRequiredService<IStoreContext>().Current;
        var step = entry.NextStep + 1;
        var context = entry.Context is { } json ? StoredEventReader.Properties(json) : [];
        var product = context.GetValueOrDefault("sku") is string sku && services.GetService<IProductCatalog>() is { } catalog
            ? await catalog.FindProductAsync(sku, ct) : null;
        var discount = step != flow.DiscountStep ? null
            : issueCode ? await services.GetRequiredService<IDiscountIssuer>().IssueSingleUseCodeAsync(
                new DiscountRequest(flow.DiscountPercent, now + flow.DiscountValid, "COMEBACK"), ct)
            : new IssuedDiscount("SAMPLE-CODE", flow.DiscountPercent, now + flow.DiscountValid);
        return new FlowMessages.Model(customer, cart, storeInfo, unsubscribe.Create(storeInfo.Url, customer.CustomerId), step)
        {
            FlowName = flow.Name, Discount = discount, Product = product,
            Order = context.GetValueOrDefault("order_id") is string orderId
                ? (orderId, context.GetValueOrDefault("value") is decimal value ? value : 0m) : null,
        };
    }

    private static FlowSend Row(FlowEntry entry, string channel, string recipient, string status, DateTimeOffset now) => new()
    {
        SendKey = KeyOf(entry), EntryId = entry.Id, Flow = entry.Flow, Step = entry.NextStep, ProfileId = entry.ProfileId, Channel = channel,
        Recipient = recipient.Length > 320 ? recipient[..320] : recipient, Subject = "", SentAt = now.UtcDateTime, Status = status,
    };
}
