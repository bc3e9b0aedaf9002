namespace NopSegments.Hosting;

/// <summary>The host's customers, read through the host: the module never reads host tables.</summary>
public interface ICustomerDirectory
{
    /// <summary>The customer with this id, or null.</summary>
    Task<CustomerInfo?> FindAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>The customer with this email (case-insensitive), or null.</summary>
    Task<CustomerInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);
}

/// <summary>What the module may know of a customer: identity, consent and zero-party data.</summary>
public sealed record CustomerInfo(string CustomerId, string? Email)
{
    /// <summary>First name.</summary>
    public string? FirstName { get; init; }
    /// <summary>Last name.</summary>
    public string? LastName { get; init; }
    /// <summary>True for a registered account, false for a guest who checked out.</summary>
    public bool IsRegistered { get; init; }
    /// <summary>Marketing consent given.</summary>
    public bool AcceptsMarketing { get; init; }
    /// <summary>Zero-party gender, as the shopper gave it.</summary>
    public string? Gender { get; init; }
    /// <summary>Zero-party date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }
    /// <summary>ISO country code or name from the customer's address.</summary>
    public string? Country { get; init; }
    /// <summary>City from the customer's address.</summary>
    public string? City { get; init; }

    /// <summary>A mobile number for text messages (E.164 preferred); null when the customer gave none.</summary>
    public string? Phone { get; init; }
    /// <summary>Preferred language.</summary>
    public string? Language { get; init; }
    /// <summary>The host's role names.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
