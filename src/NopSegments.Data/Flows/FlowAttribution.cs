using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Data.Flows;

/// <summary>
/// What followed a send: its first open and click, and the order it is credited with — an order placed within the
/// conversion window after a click on the send, or after the send itself. Each order is credited once, to the latest
/// clicked send whose window holds it, else the latest send.
/// </summary>
internal sealed class FlowAttribution(SegmentsDbContextFactory contexts)
{
    /// <summary>A send as an open or a click records it: who it went to and which flow and step.</summary>
    public sealed record SendFacts(long SendId, long ProfileId, string Flow, int Step);

    /// <summary>Records the first open (or click) of a send; null when there is no such send (erased since).</summary>
    public async Task<SendFacts?> RecordAsync(long sendId, bool click, DateTime at, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var send = await db.FlowSends.SingleOrDefaultAsync(s => s.Id == sendId, ct);
        if (send is null)
            return null;
        // A click shows the email was opened, whether or not its images were.
        send.OpenedAt ??= at;
        if (click)
            send.ClickedAt ??= at;
        await db.SaveChangesAsync(ct);
        return new SendFacts(send.Id, send.ProfileId, send.Flow, send.Step);
    }

    /// <summary>Credits the orders placed after sends of the last two windows; returns how many were credited.</summary>
    public async Task<int> CreditOrdersAsync(TimeSpan window, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.Create();
        // A click may come up to a window after the send, and the order a window after the click. Only orders that
        // follow an uncredited send of their person are read, and only those people's sends.
        var since = now - window - window;
        var orders = await db.Events.AsNoTracking()
            .Where(e => e.Name == EventNames.OrderPlaced && e.OccurredAt > since && e.OccurredAt <= now
                && db.FlowSends.Any(s => s.ProfileId == e.ProfileId && s.Status == FlowSend.Sent && s.OrderId == null && s.SentAt > since && s.SentAt < e.OccurredAt))
            .OrderBy(e => e.OccurredAt).Select(e => new { ProfileId = e.ProfileId!.Value, e.OccurredAt, e.Properties }).ToListAsync(ct);
        if (orders.Count == 0)
            return 0;
        var profiles = orders.Select(o => o.ProfileId).Distinct().ToList();
        var open = await db.FlowSends
            .Where(s => profiles.Contains(s.ProfileId) && s.Status == FlowSend.Sent && s.OrderId == null && s.SentAt > since).ToListAsync(ct);
        var credited = 0;
        foreach (var order in orders)
        {
            var props = StoredEventReader.Properties(order.Properties);
            if (props.GetValueOrDefault("order_id") is not string orderId || await db.FlowSends.AnyAsync(s => s.OrderId == orderId, ct))
                continue;
            var eligible = open.Where(s => s.ProfileId == order.ProfileId && s.OrderId == null && s.SentAt < order.OccurredAt
                && order.OccurredAt <= (s.ClickedAt ?? s.SentAt) + window).ToList();
            var send = eligible.Where(s => s.ClickedAt < order.OccurredAt).MaxBy(s => s.ClickedAt) ?? eligible.MaxBy(s => s.SentAt);
            if (send is null)
                continue;
            (send.OrderId, send.ConvertedAt, send.Revenue) = (orderId, order.OccurredAt, props.GetValueOrDefault("value") as decimal? ?? 0m);
            await db.SaveChangesAsync(ct);
            credited++;
        }
        return credited;
    }
}
