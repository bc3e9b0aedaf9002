namespace NopSegments.Data.Ingestion;

/// <summary>The identities and profiles a batch touches, loaded once, kept in step with what the batch changes.</summary>
internal sealed class ProfileDirectory
{
    public Dictionary<string, long> ProfileOfVisitor { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ProfileOfCustomer { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, string?> CustomerOfProfile { get; } = [];
    public Dictionary<long, string> StateOfProfile { get; } = [];

    /// <summary>
    /// One round trip, with whatever the queue holds: the visitors' identities, then the profiles of those identities
    /// and of the customers.
    /// </summary>
    public static Task<ProfileDirectory> LoadAsync(
        StatementQueue queue, SqlDialect sql, IReadOnlyCollection<string> visitors, IReadOnlyCollection<string> customers, CancellationToken ct)
    {
        var identities = $"SELECT visitor_id, profile_id FROM nopsegments_identities WHERE {sql.InList("visitor_id", "@visitors", visitors.Count)}";
        // Two lookups in a union rather than one OR: each list then reaches its own index.
        var query = identities + "; " +
            $"SELECT id, customer_id, state FROM nopsegments_profiles WHERE {sql.InList("customer_id", "@customers", customers.Count)} UNION " +
            $"SELECT id, customer_id, state FROM nopsegments_profiles WHERE id IN (SELECT profile_id FROM ({identities}) i)";
        return queue.ReadAsync(query, command =>
        {
            sql.ListParameter(command, "@visitors", visitors);
            sql.ListParameter(command, "@customers", customers);
        }, async reader =>
        {
            var directory = new ProfileDirectory();
            while (await reader.ReadAsync(ct))
                directory.ProfileOfVisitor[reader.GetString(0)] = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                directory.Remember(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
            return directory;
        }, ct);
    }

    public void Remember(long profileId, string? customerId, string state)
    {
        CustomerOfProfile[profileId] = customerId;
        StateOfProfile[profileId] = state;
        if (customerId is not null)
            ProfileOfCustomer[customerId] = profileId;
    }
}
