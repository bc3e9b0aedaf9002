using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Tracking;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using Polly;
using Polly.Retry;

namespace NopSegments.Web.Tracking;

/// <summary>
/// Stores a batch without ever dropping it. A database that is down, busy or restarting is waited for with backoff (the
/// events wait in the queue meanwhile); a batch the database refuses is split until the refused events stand alone, every
/// other event is stored, and each refused one is kept in the dead letters with the database's reason.
/// </summary>
internal sealed class BatchStorage
{
    private readonly IngestionWriter ingestion;
    private readonly DeadLetters deadLetters;
    private readonly WriterStatus status;
    private readonly ILogger<BatchStorage> logger;
    private readonly ResiliencePipeline untilReachable;
    private readonly BatchCommit commit;
    private readonly Campaigns.OfferPeople people;

    public BatchStorage(
        IngestionWriter ingestion, DeadLetters deadLetters, WriterStatus status, Campaigns.OfferPeople people, IOptions<NopSegmentsOptions> options, ILogger<BatchStorage> logger)
    {
        this.people = people;
        this.ingestion = ingestion;
        this.deadLetters = deadLetters;
        this.status = status;
        this.logger = logger;
        // Durable callers were promised the disk: their batches wait for the log flush, queued ones need not.
        commit = options.Value.Durable ? BatchCommit.Flushed : BatchCommit.Buffered;
        untilReachable = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ingestion.IsTransient),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = options.Value.WriterRetryMaxDelay,
            OnRetry = retry =>
            {
                status.Failed(retry.Outcome.Exception!);
                logger.LogWarning(retry.Outcome.Exception, "The database did not take a batch of store events (attempt {Attempt}); trying again in {Delay}",
                    retry.AttemptNumber + 1, retry.RetryDelay);
                return default;
            },
        }).Build();
    }

    /// <summary>Stores the batch; returns the ids of the events the database refused (kept in the dead letters).</summary>
    public async Task<IReadOnlySet<Guid>> StoreAsync(IReadOnlyList<StoreEvent> batch, CancellationToken giveUp)
    {
        var refused = new HashSet<Guid>();
        await StoreAsync(batch, refused, giveUp);
        return refused;
    }

    private async Task StoreAsync(IReadOnlyList<StoreEvent> batch, HashSet<Guid> refused, CancellationToken giveUp)
    {
        try
        {
            var result = await untilReachable.ExecuteAsync(async (events, ct) => await ingestion.WriteAsync(events, commit, ct), batch, giveUp);
            status.Recovered();
            people.Forget(result.ChangedVisitors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ingestion.IsTransient(ex))
        {
            if (batch.Count == 1)
            {
                refused.Add(batch[0].EventId);
                await KeepAsync(batch[0], ex, giveUp);
                return;
            }
            // The transaction was rolled back whole: each half goes again, and only the halves that fail split further.
            var half = batch.Count / 2;
            await StoreAsync([.. batch.Take(half)], refused, giveUp);
            await StoreAsync([.. batch.Skip(half)], refused, giveUp);
        }
    }

    private async Task KeepAsync(StoreEvent refused, Exception why, CancellationToken giveUp)
    {
        logger.LogWarning(why, "The database refused store event {EventId} ({Name}); kept in the dead letters", refused.EventId, refused.Name);
        status.DeadLettered();
        try
        {
            await untilReachable.ExecuteAsync(async (e, ct) => await deadLetters.KeepAsync(e, why.Message, ct), refused, giveUp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ingestion.IsTransient(ex))
        {
            // The last place the event exists: the log, whole, so an operator can replay it.
            logger.LogError(ex, "Store event {Event} could be neither stored nor kept", DeadLetterJson.Write(refused));
        }
    }
}
