using Microsoft.EntityFrameworkCore;
using NopSegments.Tracking;

namespace NopSegments.Data.Flows;

/// <summary>Flow state in the module's tables: who enters, what is due, what a profile did since, and the sends' ledger.</summary>
internal sealed class FlowStore(SegmentsDbContextFactory contexts)
{
    public const string AbandonedCart = "abandoned_cart";

    /// <summary>What the runner checks of a profile before a step: has it bought, emptied its cart, added more.</summary>
    public sealed record ProfileNow(string? CustomerId, int CartItemsCount, DateTime? LastAddedToCartAt, DateTime? LastOrderAt, bool Unsubscribed);

    /// <summary>
    /// Enters every known customer whose cart holds something they added and did not buy, unless they are in the flow now
    /// or entered it within <paramref name="reentry"/>. The entry's time is the last add to the cart.
    /// </summary>
    public async Task<int> EnterAbandonedCartsAsync(TimeSpan firstDelay, TimeSpan reentry, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var reenterAfter = now - reentry;
        var candidates = await db.Profiles.AsNoTracking()
            .Where(p => p.CustomerId != null && p.CartItemsCount > 0 && p.LastAddedToCartAt != null
                && (p.LastOrderAt == null || p.LastOrderAt < p.LastAddedToCartAt)
                && !db.FlowEntries.Any(e => e.ProfileId == p.Id && e.Flow == AbandonedCart && (e.Status == FlowEntry.Active || e.EnteredAt > reenterAfter)))
            .Select(p => new { p.Id, p.CustomerId, At = p.LastAddedToCartAt!.Value })
            .Take(1_000).ToListAsync(ct);
        foreach (var c in candidates)
        {
            db.FlowEntries.Add(new FlowEntry
            {
                Flow = AbandonedCart, ProfileId = c.Id, CustomerId = c.CustomerId, EnteredAt = c.At, NextDueAt = c.At + firstDelay,
            });
        }
        await db.SaveChangesAsync(ct);
        return candidates.Count;
    }

    public async Task<IReadOnlyList<FlowEntry>> DueAsync(DateTime now, int limit, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowEntries.AsNoTracking().Where(e => e.Status == FlowEntry.Active && e.NextDueAt <= now)
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

    /// <summary>When this profile was last sent a marketing message by any flow, for the frequency cap.</summary>
    public async Task<DateTime?> LastSentAsync(long profileId, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowSends.AsNoTracking().Where(s => s.ProfileId == profileId && s.Status == FlowSend.Sent)
            .MaxAsync(s => (DateTime?)s.SentAt, ct);
    }

    /// <summary>Claims the send's key; false when a send with this key is already in the ledger (sent elsewhere or before).</summary>
    public async Task<bool> ClaimAsync(FlowSend send, CancellationToken ct)
    {
        await using var db = contexts.Create();
        db.FlowSends.Add(send);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Only a key already taken means "handled before"; any other failure is the database's to report. A send
            // that failed may be claimed again, by one runner only (the status changes once).
            if (!await KeyTakenAsync(send.SendKey, ct))
                throw;
        }
        await using var again = contexts.Create();
        return await again.FlowSends.Where(s => s.SendKey == send.SendKey && s.Status == FlowSend.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, FlowSend.Sending).SetProperty(x => x.SentAt, send.SentAt), ct) == 1;
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

    public async Task<FlowStats> StatsAsync(string flow, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var states = await db.FlowEntries.AsNoTracking().Where(e => e.Flow == flow).GroupBy(e => new { e.Status, e.ExitReason })
            .Select(g => new { g.Key.Status, g.Key.ExitReason, Count = g.Count() }).ToListAsync(ct);
        var steps = await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow).GroupBy(s => new { s.Step, s.Status })
            .Select(g => new { g.Key.Step, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var recent = await db.FlowSends.AsNoTracking().Where(s => s.Flow == flow).OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id)
            .Take(20).ToListAsync(ct);
        return new FlowStats(
            states.Sum(s => s.Count),
            states.Where(s => s.Status == FlowEntry.Active).Sum(s => s.Count),
            states.Where(s => s.Status == FlowEntry.Completed).Sum(s => s.Count),
            states.Where(s => s.Status == FlowEntry.Exited).GroupBy(s => s.ExitReason ?? "unknown").ToDictionary(g => g.Key, g => g.Sum(s => s.Count)),
            [.. steps.GroupBy(s => s.Step).OrderBy(g => g.Key).Select(g => (g.Key + 1,
                g.Where(s => s.Status == FlowSend.Sent).Sum(s => s.Count), g.Where(s => s.Status == FlowSend.Failed).Sum(s => s.Count)))],
            recent);
    }

    /// <summary>Takes the customer out of every flow they are in now, with the reason.</summary>
    public async Task<int> ExitAllAsync(string customerId, string reason, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowEntries.Where(e => e.CustomerId == customerId && e.Status == FlowEntry.Active)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, FlowEntry.Exited).SetProperty(x => x.ExitReason, reason)
                .SetProperty(x => x.ExitedAt, now).SetProperty(x => x.NextDueAt, (DateTime?)null), ct);
    }

    private async Task<bool> KeyTakenAsync(string sendKey, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowSends.AnyAsync(s => s.SendKey == sendKey, ct);
    }
}
