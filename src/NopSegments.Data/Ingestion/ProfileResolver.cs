using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Decides each event's profile. An event with a customer id belongs to that customer's profile; a
/// visitor's anonymous profile becomes the customer's when there is none yet, or is merged into it
/// when there is. An event without one belongs to its visitor's profile, new if need be.
/// Works in memory: new profiles take ids reserved for the batch and are written together afterwards.
/// </summary>
internal sealed class ProfileResolver(ProfileDirectory directory, Queue<long> reservedIds)
{
    public const string EmptyState = "{}";
    private readonly Dictionary<string, long> identityChanges = new(StringComparer.Ordinal);

    public List<ProfileMergePlan> Merges { get; } = [];

    /// <summary>Profiles this batch creates, with the customer each belongs to at the end of the batch.</summary>
    public Dictionary<long, string?> NewProfiles { get; } = [];

    /// <summary>Stored anonymous profiles that became a customer's.</summary>
    public Dictionary<long, string> Promotions { get; } = [];

    public IReadOnlyDictionary<string, long> IdentityChanges => identityChanges;

    /// <summary>The most new profiles a batch of these visitors and customers can create.</summary>
    public static int MostNewProfiles(ProfileDirectory directory, IEnumerable<string> visitors, IEnumerable<string> customers) =>
        visitors.Count(v => !directory.ProfileOfVisitor.ContainsKey(v)) + customers.Count(c => !directory.ProfileOfCustomer.ContainsKey(c));

    public long Resolve(StoreEvent e)
    {
        var visitorProfile = directory.ProfileOfVisitor.TryGetValue(e.VisitorId, out var known) ? known : (long?)null;
        if (e.CustomerId is not { } customer)
            return visitorProfile ?? NewProfile(null, e.VisitorId);

        if (!directory.ProfileOfCustomer.TryGetValue(customer, out var customerProfile))
        {
            if (visitorProfile is { } anonymous && directory.CustomerOfProfile[anonymous] is null)
            {
                Promote(anonymous, customer);
                return anonymous;
            }
            return NewProfile(customer, e.VisitorId);
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

    private long NewProfile(string? customer, string visitor)
    {
        var id = reservedIds.Dequeue();
        NewProfiles[id] = customer;
        directory.Remember(id, customer, EmptyState);
        Link(visitor, id);
        return id;
    }

    private void Promote(long profile, string customer)
    {
        if (NewProfiles.ContainsKey(profile))
            NewProfiles[profile] = customer;
        else
            Promotions[profile] = customer;
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
