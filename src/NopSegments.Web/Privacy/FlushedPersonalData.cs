using NopSegments.Data.Privacy;
using NopSegments.Privacy;
using NopSegments.Web.Tracking;

namespace NopSegments.Web.Privacy;

/// <summary>
/// <see cref="IPersonalData"/> for hosts: what the person did moments ago may still wait in the event queue, so the queue
/// is written first; an erasure that ran before it would leave those events to build a new profile.
/// </summary>
internal sealed class FlushedPersonalData(EventQueue queue, PersonalData data) : IPersonalData
{
    private static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(10);

    public async Task<string?> ExportAsync(string customerOrVisitorId, CancellationToken cancellationToken = default)
    {
        await queue.FlushAsync(FlushLimit, cancellationToken);
        return await data.ExportAsync(customerOrVisitorId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> EraseAsync(string customerOrVisitorId, CancellationToken cancellationToken = default)
    {
        await queue.FlushAsync(FlushLimit, cancellationToken);
        return await data.EraseAsync(customerOrVisitorId, cancellationToken);
    }

    public async Task<string?> ExportProfileAsync(long profileId, CancellationToken cancellationToken)
    {
        await queue.FlushAsync(FlushLimit, cancellationToken);
        return await data.ExportProfileAsync(profileId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> EraseProfileAsync(long profileId, CancellationToken cancellationToken)
    {
        await queue.FlushAsync(FlushLimit, cancellationToken);
        return await data.EraseProfileAsync(profileId, cancellationToken);
    }
}
