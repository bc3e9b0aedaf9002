namespace NopSegments.DemoStore.Customers;

internal sealed class Customer
{
    public const string RegisteredRole = "Registered";
    public const string AdministratorsRole = "Administrators";
    public const string GuestsRole = "Guests";

    public int Id { get; set; }
    public string? Email { get; set; }
    public string? PasswordHash { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public string? Phone { get; set; }

    /// <summary>A guest's cart key (<c>g:…</c>) from the browser that gave this email at checkout: their cart is that one.</summary>
    public string? GuestKey { get; set; }
    public string? Gender { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public bool IsRegistered { get; set; }
    public bool AcceptsMarketing { get; set; }

    /// <summary>Comma-separated role names.</summary>
    public string Roles { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
