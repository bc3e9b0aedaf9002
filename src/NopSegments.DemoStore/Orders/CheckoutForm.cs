using System.ComponentModel.DataAnnotations;

namespace NopSegments.DemoStore.Orders;

internal sealed class CheckoutForm
{
    [Required(ErrorMessage = "Enter your email so we can send the receipt."), EmailAddress, StringLength(200)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your name."), StringLength(120), Display(Name = "Full name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Choose the country to ship to."), StringLength(60)]
    public string Country { get; set; } = "United Kingdom";

    [StringLength(60)]
    public string? City { get; set; }

    /// <summary>A guest's marketing consent, given beside the email (a signed-in customer's is on their account).</summary>
    [Display(Name = "Send me offers and news")]
    public bool AcceptsMarketing { get; set; }
}
