using System.Data.Common;

namespace NopSegments.Data.Ingestion;

/// <summary>The identities and profiles a batch touches, loaded once, kept in step with what the batch changes.</summary>
internal sealed class ProfileDirectory
{
    public Dictionary<string, long> ProfileOfVisitor { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ProfileOfCustomer { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, string?> CustomerOfProfile { get; } = [];
    public Dictionary<long, string> StateOfProfile { get; } = [];

    public static async Task<ProfileDirectory> LoadAsync(
        DbConnection connection, DbTransaction tx, SqlDialect sql,
        IReadOnlyCollection<string> visitors, IReadOnlyCollection<string> customers, CancellationToken ct)
    {
        var directory = new ProfileDirectory();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = $"SELECT visitor_id, profile_id FROM nopsegments_identities WHERE {sql.InList("visitor_id", "@visitors", visitors.Count)}";
            sql.ListParameter(command, "@visitors", visitors);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                directory.ProfileOfVisitor[reader.GetString(0)] = reader.GetInt64(1);
        }
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            var ids = directory.ProfileOfVisitor.Values.Distinct().ToList();
            // Two lookups in a union rather than one OR: each list then reaches its own index.
            command.CommandText =
                $"SELECT id, customer_id, state FROM nopsegments_profiles WHERE {sql.InList("customer_id", "@customers", customers.Count)} UNION " +
                $"SELECT id, customer_id, state FROM nopsegments_profiles WHERE {sql.InList("id", "@ids", ids.Count)}";
            sql.ListParameter(command, "@customers", customers);
            sql.ListParameter(command, "@ids", ids);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                directory.Remember(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        }
        return directory;
    }

    public void Remember(long profileId, string? customerId, string state)
    {
        CustomerOfProfile[profileId] = customerId;
        StateOfProfile[profileId] = state;
        if (customerId is not null)
            ProfileOfCustomer[customerId] = profileId;
    }
}
