using NopSegments.Data.Segments;

namespace NopSegments.Web.Admin;

/// <summary>The store's known values for completion, read at most every few minutes: they change slowly, and every editor asks.</summary>
internal sealed class StoreValues(KnownValues values, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim reading = new(1, 1);
    private (KnownValueLists Lists, DateTimeOffset At)? cached;

    public async Task<KnownValueLists> ReadAsync(CancellationToken ct)
    {
        if (cached is { } hit && clock.GetUtcNow() - hit.At < Fresh)
            return hit.Lists;
        await reading.WaitAsync(ct);
        try
        {
            if (cached is { } again && clock.GetUtcNow() - again.At < Fresh)
                return again.Lists;
            var lists = await values.ReadAsync(ct);
            cached = (lists, clock.GetUtcNow());
            return lists;
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose() => reading.Dispose();
}
