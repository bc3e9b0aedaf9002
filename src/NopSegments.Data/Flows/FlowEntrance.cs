using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data.Flows;

/// <summary>
/// Enters the people a flow's trigger fired for, by its rules: one entry per trigger, none while they are in the flow
/// (a new trigger before the first step restarts its clock instead), none within the re-entry time, and none when an
/// exit is already true or the trigger filter does not match — those are kept as skipped, with the reason.
/// </summary>
internal sealed class FlowEntrance(SegmentsDbContextFactory contexts, FlowConditions conditions)
{
    public sealed record Result(int Entered, int Skipped, int Restarted);

    private const int ContextLimit = 4_000;

    public async Task<Result> EnterAsync(FlowDefinition flow, IReadOnlyList<FlowTriggers.Candidate> candidates, DateTimeOffset now, CancellationToken ct)
    {
        if (candidates.Count == 0)
            return new Result(0, 0, 0);
        await using var db = contexts.Create();
        var ids = candidates.Select(c => c.ProfileId).ToList();
        var entries = (await db.FlowEntries.Where(e => e.Flow == flow.Key && ids.Contains(e.ProfileId)).ToListAsync(ct)).ToLookup(e => e.ProfileId);
        var (restarted, added) = (0, new List<FlowEntry>());
        foreach (var candidate in candidates)
        {
            var mine = entries[candidate.ProfileId].ToList();
            if (mine.FirstOrDefault(e => e.Status == FlowEntry.Active) is { } active)
            {
                // The shopper is still at it (more in the cart, another view): the first message counts from the latest.
                if (active.NextStep == 0 && candidate.At > active.EnteredAt)
                {
                    (active.EnteredAt, active.NextDueAt, active.Context) = (candidate.At, candidate.At + flow.Steps[0].Delay, Context(candidate));
                    restarted++;
                }
                continue;
            }
            if (mine.Any(e => e.EnteredAt >= candidate.At) || mine.Any(e => e.Status != FlowEntry.Skipped && e.EnteredAt > now.UtcDateTime - flow.Reentry))
                continue;
            var refusal = await conditions.RefusalAsync(flow, candidate.ProfileId, candidate.At, now, ct);
            added.Add(new FlowEntry
            {
                Flow = flow.Key, ProfileId = candidate.ProfileId, CustomerId = candidate.CustomerId, EnteredAt = candidate.At,
                Status = refusal is null ? FlowEntry.Active : FlowEntry.Skipped, ExitReason = refusal,
                NextDueAt = refusal is null ? candidate.At + flow.Steps[0].Delay : null, Context = Context(candidate),
            });
        }
        await db.SaveChangesAsync(ct);
        var (entered, skipped) = (0, 0);
        foreach (var entry in added)
        {
            if (!await AddOnceAsync(entry, ct))
                continue;
            if (entry.Status == FlowEntry.Active)
                entered++;
            else
                skipped++;
        }
        return new Result(entered, skipped, restarted);
    }

    // One at a time: another runner may have entered the same trigger a moment ago, and its row must not cost the others.
    private async Task<bool> AddOnceAsync(FlowEntry entry, CancellationToken ct)
    {
        await using var db = contexts.Create();
        db.FlowEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (!await TakenAsync(entry, ct))
                throw;
            return false;
        }
    }

    private async Task<bool> TakenAsync(FlowEntry entry, CancellationToken ct)
    {
        await using var db = contexts.Create();
        return await db.FlowEntries.AnyAsync(e => e.ProfileId == entry.ProfileId && e.Flow == entry.Flow && e.EnteredAt == entry.EnteredAt, ct);
    }

    private static string? Context(FlowTriggers.Candidate candidate) => candidate.Properties.Length <= ContextLimit ? candidate.Properties : null;
}
