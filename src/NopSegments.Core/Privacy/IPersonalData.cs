namespace NopSegments.Privacy;

/// <summary>
/// A person's data in the module, for a shop owner's legal duties: export every row the module holds about a customer or
/// visitor, and erase them all. Hosts call <see cref="EraseAsync"/> when they delete a customer.
/// </summary>
public interface IPersonalData
{
    /// <summary>Every row the module holds about the person, as one JSON document; null when it holds none.</summary>
    /// <param name="customerOrVisitorId">The host's customer id, or a visitor cookie's id.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    Task<string?> ExportAsync(string customerOrVisitorId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every row the module holds about the person, in one transaction.</summary>
    /// <param name="customerOrVisitorId">The host's customer id, or a visitor cookie's id.</param>
    /// <param name="cancellationToken">Stops the erasure before it commits.</param>
    /// <returns>How many rows went from each table (empty when the module held nothing about the person).</returns>
    Task<IReadOnlyDictionary<string, int>> EraseAsync(string customerOrVisitorId, CancellationToken cancellationToken = default);
}
