using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Flows;

/// <summary>Flow state in the module's tables: who enters, what is due, what a profile did since, and the sends' ledger.</summary>
internal sealed class FlowStore(SegmentsDbContextFactory contexts)
{
    /// <summary>What the runner checks of a profile before a step: has it bought, emptied its cart, added more.</summary>
    public sealed record ProfileNow(string? CustomerId, int CartItemsCount, DateTime? LastAddedToCartAt, DateTime? LastOrderAt, bool Unsubscribed);

    public async Task<IReadOnlyList<FlowEntry>> DueAsync(IReadOnlyCollection<string> flows, DateTime now, int limit, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowEntries.AsNoTracking().Where(e => e.Status == FlowEntry.Active && e.NextDueAt <= now && flows.Contains(e.Flow))
            .OrderBy(e => e.NextDueAt).Take(limit).ToListAsync(ct);
    }

    public async Task<ProfileNow?> ProfileAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var profile = await db.Profiles.AsNoTracking().Where(p => p.Id == profileId)
            .Select(p => new { p.CustomerId, p.CartItemsCount, p.LastAddedToCartAt, p.LastOrderAt }).FirstOrDefaultAsync(ct);
        if (profile is null)
            return null;
        var consent = await db.Events.AsNoTracking()
            .Where(e => e.ProfileId == profileId && (e.Name == EventNames.Subscribed || e.Name == EventNames.Unsubscribed))
            .OrderByDescending(e => e.OccurredAt).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return new ProfileNow(profile.CustomerId, profile.CartItemsCount, profile.LastAddedToCartAt, profile.LastOrderAt, consent == EventNames.Unsubscribed);
    }

    /// <summary>When this profile was last sent a marketing message (email or SMS) by any flow, for the frequency cap.</summary>
    public async Task<DateTime?> LastSentAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowSends.AsNoTracking()
            .Where(s => s.ProfileId == profileId && s.Status == FlowSend.Sent && (s.Channel == FlowChannelNames.Email || s.Channel == FlowChannelNames.Sms))
            .MaxAsync(s => (DateTime?)s.SentAt, ct);
    }

    /// <summary>
    /// Claims the send's key and returns the send's id; null when a send with this key is already in the ledger (sent
    /// elsewhere or before). A send that failed may be claimed again, by one runner only (the status changes once).
    /// </summary>
    public async Task<long?> ClaimAsync(FlowSend send, CancellationToken ct)
    {
        await using var db = contexts.Create();
        db.FlowSends.Add(send);
        try
        {
            await db.SaveChangesAsync(ct);
            return send.Id;
        }
        catch (DbUpdateException)
        {
            // Only a key already taken means "handled before"; any other failure is the database's to report.
            if (!await KeyTakenAsync(send.SendKey, ct))
                throw;
        }
        await using var again = contexts.Create();
        var retried = await again.FlowSends.Where(s => s.SendKey == send.SendKey && s.Status == FlowSend.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, FlowSend.Sending).SetProperty(x => x.SentAt, send.SentAt), ct) == 1;
        return retried ? await again.FlowSends.Where(s => s.SendKey == send.SendKey).Select(s => (long?)s.Id).SingleAsync(ct) : null;
    }

    /// <summary>The customer id of a profile, or null for an anonymous or erased one.</summary>
    public async Task<string?> CustomerOfAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.Profiles.AsNoTracking().Where(p => p.Id == profileId).Select(p => p.CustomerId).FirstOrDefaultAsync(ct);
    }

    public async Task MarkSendAsync(string sendKey, string status, string? detail, string? subject, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var send = await db.FlowSends.SingleAsync(s => s.SendKey == sendKey, ct);
        (send.Status, send.Detail) = (status, detail);
        if (subject is not null)
            send.Subject = subject.Length > 500 ? subject[..500] : subject;
        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateAsync(FlowEntry entry, CancellationToken ct)
    {
        await using var db = contexts.Create();
        db.FlowEntries.Update(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Takes the customer out of every flow they are in now, with the reason.</summary>
    public Task<int> ExitAllAsync(string customerId, string reason, DateTime now, CancellationToken ct) =>
        ExitWhereAsync(e => e.CustomerId == customerId, reason, now, ct);

    /// <summary>The properties of a customer's latest event of a name (what a preview shows as the trigger), or null.</summary>
    public async Task<string?> LatestContextAsync(string customerId, string? eventName, CancellationToken ct)
    {
        if (eventName is null)
            return null;
        await using var db = contexts.Create();
        return await db.Events.AsNoTracking()
            .Where(e => e.Name == eventName && db.Profiles.Any(p => p.CustomerId == customerId && p.Id == e.ProfileId))
            .OrderByDescending(e => e.OccurredAt).Select(e => e.Properties).FirstOrDefaultAsync(ct);
    }

    /// <summary>Takes everyone out of a flow (a deleted one), with the reason.</summary>
    public Task<int> ExitFlowAsync(string flow, string reason, DateTime now, CancellationToken ct) =>
        ExitWhereAsync(e => e.Flow == flow, reason, now, ct);

    private async Task<int> ExitWhereAsync(System.Linq.Expressions.Expression<Func<FlowEntry, bool>> which, string reason, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowEntries.Where(which).Where(e => e.Status == FlowEntry.Active)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, FlowEntry.Exited).SetProperty(x => x.ExitReason, reason)
                .SetProperty(x => x.ExitedAt, now).SetProperty(x => x.NextDueAt, (DateTime?)null), ct);
    }

    private async Task<bool> KeyTakenAsync(string sendKey, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowSends.AnyAsync(s => s.SendKey == sendKey, ct);
    }
}
