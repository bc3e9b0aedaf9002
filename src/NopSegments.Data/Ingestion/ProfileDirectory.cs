using NopSegments.Data.Segments;

namespace NopSegments.Data.Ingestion;

/// <summary>The identities and profiles a batch touches, loaded once, kept in step with what the batch changes.</summary>
internal sealed class ProfileDirectory
{
    public Dictionary<string, long> ProfileOfVisitor { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ProfileOfCustomer { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, string?> CustomerOfProfile { get; } = [];
    public Dictionary<long, string> StateOfProfile { get; } = [];

    /// <summary>The join that brings a profile's fold state (<c>s.state</c>) to a query over profiles named <c>p</c>.</summary>
    public const string WithState = "LEFT JOIN nopsegments_profile_states s ON s.profile_id = p.id";

    /// <summary>
    /// One round trip, with whatever the queue holds: the visitors' identities, then the profiles of those identities
    /// and of the customers, then what <paramref name="ahead"/> reads of those profiles.
    /// </summary>
    public static Task<ProfileDirectory> LoadAsync(
        StatementQueue queue, SqlDialect sql, IReadOnlyCollection<string> visitors, IReadOnlyCollection<string> customers,
        MembershipReadAhead? ahead, CancellationToken ct)
    {
        var visitorKeys = sql.Keys("visitor_id", "@visitors", visitors);
        var customerKeys = sql.Keys("customer_id", "@customers", customers);
        var identities = $"SELECT visitor_id, profile_id FROM nopsegments_identities WHERE {visitorKeys.Condition}";
        // Two lookups in a union rather than one OR: each list then reaches its own index.
        var query = identities + "; " +
            $"SELECT p.id, p.customer_id, s.state FROM nopsegments_profiles p {WithState} WHERE {customerKeys.Condition} UNION " +
            $"SELECT p.id, p.customer_id, s.state FROM nopsegments_profiles p {WithState} WHERE p.id IN (SELECT profile_id FROM ({identities}) i)";
        if (ahead is not null)
            query += "; " + ahead.Queries(sql);
        return queue.ReadAsync(query, command =>
        {
            visitorKeys.Bind(command);
            customerKeys.Bind(command);
            ahead?.Bind(command, sql);
        }, async reader =>
        {
            var directory = new ProfileDirectory();
            while (await reader.ReadAsync(ct))
                directory.ProfileOfVisitor[reader.GetString(0)] = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                directory.Remember(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? ProfileResolver.EmptyState : reader.GetString(2));
            if (ahead is not null)
            {
                await reader.NextResultAsync(ct);
                await ahead.ReadAsync(reader, ct);
            }
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
