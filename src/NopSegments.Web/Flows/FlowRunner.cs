using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Flows;
using NopSegments.Hosting;
using NopSegments.Web.Settings;

namespace NopSegments.Web.Flows;

/// <summary>
/// Runs the flows once: enters the shoppers who qualify, then runs each due step after checking again that it should
/// go — exits (bought, emptied the cart, no consent, unsubscribed, no email), quiet hours and the frequency cap. Each
/// send is claimed in the ledger under a unique key before the host gets it, so nothing is sent twice.
/// </summary>
internal sealed class FlowRunner(
    FlowStore store, ModuleSettings settings, UnsubscribeLinks unsubscribe, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<FlowRunner> logger)
{
    private const int MostStepsPerRun = 200;
    private static readonly TimeSpan RetryFailedSendAfter = TimeSpan.FromMinutes(5);

    public sealed record Outcome(int Entered, int Sent, int Exited, int Waiting);

    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        FlowSettings flows;
        try
        {
            flows = FlowSettings.Read(settings.All);
        }
        catch (FlowSettingsException ex)
        {
            logger.LogError("Flows are paused: setting {Key} does not read: {Problem}", ex.Key, ex.Message);
            return new Outcome(0, 0, 0, 0);
        }
        if (!flows.AbandonedCartEnabled)
            return new Outcome(0, 0, 0, 0);
        var now = clock.GetUtcNow();
        var entered = await store.EnterAbandonedCartsAsync(flows.AbandonedCartDelays[0], flows.Reentry, now.UtcDateTime, ct);
        var (sent, exited, waiting) = (0, 0, 0);
        foreach (var entry in await store.DueAsync(now.UtcDateTime, MostStepsPerRun, ct))
        {
            switch (await StepAsync(entry, flows, now, ct))
            {
                case StepResult.Sent: sent++; break;
                case StepResult.Exited: exited++; break;
                default: waiting++; break;
            }
        }
        return new Outcome(entered, sent, exited, waiting);
    }

    private enum StepResult { Sent, Exited, Waiting }

    private async Task<StepResult> StepAsync(FlowEntry entry, FlowSettings flows, DateTimeOffset now, CancellationToken ct)
    {
        var profile = await store.ProfileAsync(entry.ProfileId, ct);
        if (ExitReason(entry, profile) is { } reason)
            return await ExitAsync(entry, reason, now, ct);
        if (entry.NextStep == 0 && profile!.LastAddedToCartAt > entry.EnteredAt)
        {
            // More went into the cart since: the shopper is still shopping, so the first reminder counts from then.
            entry.EnteredAt = profile.LastAddedToCartAt.Value;
            return await WaitAsync(entry, entry.EnteredAt + flows.AbandonedCartDelays[0], "the cart changed", ct);
        }
        await using var scope = scopes.CreateAsyncScope();
        var customer = await scope.ServiceProvider.GetRequiredService<ICustomerDirectory>().FindAsync(entry.CustomerId!, ct);
        if (customer?.Email is null)
            return await ExitAsync(entry, "no_email", now, ct);
        if (!customer.AcceptsMarketing)
            return await ExitAsync(entry, "no_consent", now, ct);
        if (flows.OutsideQuietHours(now) is var allowed && allowed > now)
            return await WaitAsync(entry, allowed.UtcDateTime, "quiet hours", ct);
        if (flows.FrequencyCap > TimeSpan.Zero && await store.LastSentAsync(entry.ProfileId, ct) is { } last && last + flows.FrequencyCap > now.UtcDateTime)
            return await WaitAsync(entry, last + flows.FrequencyCap, "the frequency cap", ct);
        var cart = await scope.ServiceProvider.GetRequiredService<ICartReader>().GetCartAsync(entry.CustomerId, entry.CustomerId!, ct);
        if (cart.Lines.Count == 0)
            return await ExitAsync(entry, "cart_emptied", now, ct);
        return await SendAsync(entry, flows, customer, cart, scope.ServiceProvider, now, ct);
    }

    private static string? ExitReason(FlowEntry entry, FlowStore.ProfileNow? profile) => profile switch
    {
        null => "profile_erased",
        { LastOrderAt: { } ordered } when ordered > entry.EnteredAt => "ordered",
        { CartItemsCount: 0 } => "cart_emptied",
        { Unsubscribed: true } => "unsubscribed",
        _ => null,
    };

    private async Task<StepResult> SendAsync(
        FlowEntry entry, FlowSettings flows, CustomerInfo customer, CartSnapshot cart, IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var key = $"{entry.Flow}:{entry.Id}:{entry.NextStep}";
        // The key is claimed before anything leaves: a discount code is issued and an email sent once per step.
        var claimed = await store.ClaimAsync(new FlowSend
        {
            SendKey = key, EntryId = entry.Id, Flow = entry.Flow, Step = entry.NextStep, ProfileId = entry.ProfileId, Channel = "email",
            Recipient = customer.Email!, Subject = "", SentAt = now.UtcDateTime, Status = FlowSend.Sending,
        }, ct);
        if (claimed)
        {
            string subject;
            try
            {
                var message = await MessageAsync(entry, flows, customer, cart, services, now, ct);
                subject = message.Subject;
                await services.GetRequiredService<IEmailSender>().SendAsync(message, ct);
            }
#pragma warning disable CA1031 // The failure is kept on the send and the step is tried again; the run goes on.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                await store.MarkSendAsync(key, FlowSend.Failed, ex.Message, null, ct);
                return await WaitAsync(entry, now.UtcDateTime + RetryFailedSendAfter, $"the email could not be handed over ({ex.Message})", ct);
            }
            await store.MarkSendAsync(key, FlowSend.Sent, null, subject, ct);
            logger.LogInformation("Flow {Flow} step {Step}: emailed customer {Customer}", entry.Flow, entry.NextStep + 1, entry.CustomerId);
        }
        entry.NextStep++;
        if (entry.NextStep < flows.AbandonedCartDelays.Count)
            entry.NextDueAt = entry.EnteredAt + flows.AbandonedCartDelays[entry.NextStep];
        else
            (entry.Status, entry.NextDueAt) = (FlowEntry.Completed, null);
        await store.UpdateAsync(entry, ct);
        return claimed ? StepResult.Sent : StepResult.Waiting;
    }

    private async Task<EmailMessage> MessageAsync(
        FlowEntry entry, FlowSettings flows, CustomerInfo customer, CartSnapshot cart, IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var storeInfo = services.GetRequiredService<IStoreContext>().Current;
        var step = entry.NextStep + 1;
        var discount = step == flows.DiscountStep
            ? await services.GetRequiredService<IDiscountIssuer>().IssueSingleUseCodeAsync(
                new DiscountRequest(flows.DiscountPercent, now + flows.DiscountValid, "COMEBACK"), ct)
            : null;
        return await FlowMessages.RenderAsync(FlowMessages.Templates.From(settings.All),
            new FlowMessages.Model(customer, cart, storeInfo, unsubscribe.Create(storeInfo.Url, customer.CustomerId), step) { Discount = discount });
    }

    private async Task<StepResult> ExitAsync(FlowEntry entry, string reason, DateTimeOffset now, CancellationToken ct)
    {
        (entry.Status, entry.ExitReason, entry.ExitedAt, entry.NextDueAt) = (FlowEntry.Exited, reason, now.UtcDateTime, null);
        await store.UpdateAsync(entry, ct);
        logger.LogInformation("Flow {Flow}: customer {Customer} left before step {Step}: {Reason}", entry.Flow, entry.CustomerId, entry.NextStep + 1, reason);
        return StepResult.Exited;
    }

    private async Task<StepResult> WaitAsync(FlowEntry entry, DateTime until, string why, CancellationToken ct)
    {
        entry.NextDueAt = until;
        await store.UpdateAsync(entry, ct);
        logger.LogInformation("Flow {Flow}: step {Step} for customer {Customer} waits until {Until:u} for {Why}", entry.Flow, entry.NextStep + 1, entry.CustomerId, until, why);
        return StepResult.Waiting;
    }
}
