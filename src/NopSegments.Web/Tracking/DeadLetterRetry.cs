using NopSegments.Data.Ingestion;
using NopSegments.Data.Tracking;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Tries kept events again, one transaction each, in the admin's request: a stored one leaves the dead letters, a refused
/// one stays with the new reason and one more attempt. A retry of an event stored meanwhile counts once (same event id).
/// </summary>
internal sealed class DeadLetterRetry(IngestionWriter ingestion, DeadLetters deadLetters)
{
    public async Task<(int Stored, int Refused)> RunAsync(IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var (stored, refused) = (0, 0);
        foreach (var (id, e) in await deadLetters.EventsAsync(ids, ct))
        {
            try
            {
                await ingestion.WriteAsync([e], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !ingestion.IsTransient(ex))
            {
                await deadLetters.KeepAsync(e, ex.Message, ct);
                refused++;
                continue;
            }
            await deadLetters.DiscardAsync([id], ct);
            stored++;
        }
        return (stored, refused);
    }
}
