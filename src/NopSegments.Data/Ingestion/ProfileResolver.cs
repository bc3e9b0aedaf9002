using System.Data.Common;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Decides each event's profile. An event with a customer id belongs to that customer's profile; a
/// visitor's anonymous profile becomes the customer's when there is none yet, or is merged into it
/// when there is. An event without one belongs to its visitor's profile, new if need be.
/// </summary>
internal sealed class ProfileResolver(DbConnection connection, DbTransaction tx, ProfileDirectory directory, DateTime now)
{
    private const string EmptyState = "{}";
    private readonly Dictionary<string, long> identityChanges = new(StringComparer.Ordinal);

    public List<ProfileMergePlan> Merges { get; } = [];

    public IReadOnlyDictionary<string, long> IdentityChanges => identityChanges;

    public async Task<long> ResolveAsync(StoreEvent e, CancellationToken ct)
    {
        var visitorProfile = directory.ProfileOfVisitor.TryGetValue(e.VisitorId, out var known) ? known : (long?)null;
        if (e.CustomerId is not { } customer)
            return visitorProfile ?? await NewProfileAsync(null, e.VisitorId, ct);

        if (!directory.ProfileOfCustomer.TryGetValue(customer, out var customerProfile))
        {
            if (visitorProfile is { } anonymous && directory.CustomerOfProfile[anonymous] is null)
            {
                await PromoteAsync(anonymous, customer, ct);
                return anonymous;
            }
            return await NewProfileAsync(customer, e.VisitorId, ct);
        }
        if (visitorProfile is { } other && other != customerProfile && directory.CustomerOfProfile[other] is null)
        {
            Merges.Add(new ProfileMergePlan(other, customerProfile, e.VisitorId, customer));
            directory.CustomerOfProfile.Remove(other);
            foreach (var visitor in directory.ProfileOfVisitor.Where(p => p.Value == other).Select(p => p.Key).ToList())
                directory.ProfileOfVisitor[visitor] = customerProfile;
        }
        // A shared browser where another customer logs in: the visitor now means this customer.
        Link(e.VisitorId, customerProfile);
        return customerProfile;
    }

    private async Task<long> NewProfileAsync(string? customer, string visitor, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            "INSERT INTO nopsegments_profiles (customer_id, created_at, updated_at, state, orders_count, total_spent, refunds_count, " +
            "discount_orders_count, sessions_count, page_views_count, cart_items_count, cart_value) " +
            "VALUES (@customer, @now, @now, @state, 0, 0, 0, 0, 0, 0, 0, 0) RETURNING id";
        command.AddParameter("@customer", (object?)customer ?? DBNull.Value);
        command.AddParameter("@now", now);
        command.AddParameter("@state", EmptyState);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        directory.Remember(id, customer, EmptyState);
        Link(visitor, id);
        return id;
    }

    private async Task PromoteAsync(long profile, string customer, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE nopsegments_profiles SET customer_id = @customer WHERE id = @id";
        command.AddParameter("@customer", customer);
        command.AddParameter("@id", profile);
        await command.ExecuteNonQueryAsync(ct);
        directory.Remember(profile, customer, directory.StateOfProfile[profile]);
    }

    private void Link(string visitor, long profile)
    {
        if (directory.ProfileOfVisitor.TryGetValue(visitor, out var current) && current == profile)
            return;
        directory.ProfileOfVisitor[visitor] = profile;
        identityChanges[visitor] = profile;
    }
}
