using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NopSegments.Data.Flows;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// Runs one due step of one person's flow after checking again that it should go: the flow's exits and exit filter,
/// consent, someone to send to, quiet hours and the frequency cap (the step waits, or is skipped when waiting would run
/// into the next step). The step's send key is claimed before anything leaves.
/// </summary>
internal sealed class FlowStepRunner(
    FlowStore store, FlowConditions conditions, FlowSendLedger ledger, IEnumerable<IFlowChannel> channels, IServiceScopeFactory scopes,
    ILogger<FlowStepRunner> logger)
{
    public enum Result { Sent, Exited, Waiting }

    public async Task<Result> RunAsync(FlowEntry entry, FlowSettings flows, FlowDefinition flow, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.NextStep >= flow.Steps.Count)
            return await CompleteAsync(entry, ct);
        if (await conditions.ExitReasonAsync(flow, entry.ProfileId, entry.EnteredAt, now, ct) is { } reason)
            return await ExitAsync(entry, reason, now, ct);
        var step = flow.Steps[entry.NextStep];
        var channel = channels.Single(c => c.Name == step.Channel);
        await using var scope = scopes.CreateAsyncScope();
        var customer = await scope.ServiceProvider.GetRequiredService<ICustomerDirectory>().FindAsync(entry.CustomerId!, ct);
        if (customer is null)
            return await ExitAsync(entry, FlowConditions.Erased, now, ct);
        if (!customer.AcceptsMarketing)
            return await ExitAsync(entry, "no_consent", now, ct);
        if (channel.RecipientOf(customer, ledger.Settings) is not { } recipient)
        {
            // No address at all ends the flow; no phone skips an SMS step and the flow goes on.
            if (step.Channel == FlowChannelNames.Email)
                return await ExitAsync(entry, channel.NoRecipient, now, ct);
            await ledger.SkipAsync(entry, flow, step, channel.NoRecipient.Replace('_', ' '), now, ct);
            return await AdvanceAsync(entry, flow, Result.Waiting, ct);
        }
        if (FlowChannelNames.IsMessage(step.Channel))
        {
            if (flows.OutsideQuietHours(now) is var allowed && allowed > now)
                return await WaitAsync(entry, allowed.UtcDateTime, "quiet hours", ct);
            if (flows.FrequencyCap > TimeSpan.Zero && await store.LastSentAsync(entry.ProfileId, ct) is { } last && last + flows.FrequencyCap > now.UtcDateTime)
            {
                var capEnds = last + flows.FrequencyCap;
                if (entry.NextStep + 1 < flow.Steps.Count && capEnds >= entry.EnteredAt + flow.Steps[entry.NextStep + 1].Delay)
                {
                    await ledger.SkipAsync(entry, flow, step, "frequency cap until the next step", now, ct);
                    logger.LogInformation("Flow {Flow}: step {Step} for customer {Customer} is skipped: the frequency cap lasts past the next step", entry.Flow, entry.NextStep + 1, entry.CustomerId);
                    return await AdvanceAsync(entry, flow, Result.Waiting, ct);
                }
                return await WaitAsync(entry, capEnds, "the frequency cap", ct);
            }
        }
        var cart = await scope.ServiceProvider.GetRequiredService<ICartReader>().GetCartAsync(entry.CustomerId, entry.CustomerId!, ct);
        if (flow.NeedsCart && cart.Lines.Count == 0)
            return await ExitAsync(entry, FlowExits.CartEmptied, now, ct);
        var handover = await ledger.SendAsync(entry, flow, channel, recipient, customer, cart, scope.ServiceProvider, now, ct);
        if (handover.RetryAt is { } retryAt)
            return await WaitAsync(entry, retryAt, "the send failed and is tried again", ct);
        return await AdvanceAsync(entry, flow, handover.Sent ? Result.Sent : Result.Waiting, ct);
    }

    private async Task<Result> AdvanceAsync(FlowEntry entry, FlowDefinition flow, Result result, CancellationToken ct)
    {
        entry.NextStep++;
        if (entry.NextStep < flow.Steps.Count)
            entry.NextDueAt = entry.EnteredAt + flow.Steps[entry.NextStep].Delay;
        else
            (entry.Status, entry.NextDueAt) = (FlowEntry.Completed, null);
        await store.UpdateAsync(entry, ct);
        return result;
    }

    private async Task<Result> CompleteAsync(FlowEntry entry, CancellationToken ct)
    {
        // The flow lost steps since the person entered: they have had every step it has now.
        (entry.Status, entry.NextDueAt) = (FlowEntry.Completed, null);
        await store.UpdateAsync(entry, ct);
        return Result.Waiting;
    }

    private async Task<Result> ExitAsync(FlowEntry entry, string reason, DateTimeOffset now, CancellationToken ct)
    {
        (entry.Status, entry.ExitReason, entry.ExitedAt, entry.NextDueAt) = (FlowEntry.Exited, reason, now.UtcDateTime, null);
        await store.UpdateAsync(entry, ct);
        logger.LogInformation("Flow {Flow}: customer {Customer} left before step {Step}: {Reason}", entry.Flow, entry.CustomerId, entry.NextStep + 1, reason);
        return Result.Exited;
    }

    private async Task<Result> WaitAsync(FlowEntry entry, DateTime until, string why, CancellationToken ct)
    {
        entry.NextDueAt = until;
        await store.UpdateAsync(entry, ct);
        logger.LogInformation("Flow {Flow}: step {Step} for customer {Customer} waits until {Until:u} for {Why}", entry.Flow, entry.NextStep + 1, entry.CustomerId, until, why);
        return Result.Waiting;
    }
}
