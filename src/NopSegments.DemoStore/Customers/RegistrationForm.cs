using System.ComponentModel.DataAnnotations;

namespace NopSegments.DemoStore.Customers;

internal sealed class RegistrationForm
{
    [Required, EmailAddress, StringLength(200)]
    public string Email { get; set; } = "";

    [Required, StringLength(100, MinimumLength = 8, ErrorMessage = "Use at least 8 characters.")]
    public string Password { get; set; } = "";

    [Required, StringLength(60), Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required, StringLength(60), Display(Name = "Last name")]
    public string LastName { get; set; } = "";

    [StringLength(60)]
    public string? Country { get; set; }

    [StringLength(20)]
    public string? Gender { get; set; }

    [DataType(DataType.Date), Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    [Phone, StringLength(20), Display(Name = "Mobile phone")]
    public string? Phone { get; set; }

    [Display(Name = "Send me offers and news")]
    public bool AcceptsMarketing { get; set; }
}
