using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NopSegments.Web.Visitors;

namespace NopSegments.DemoStore.Pages;

internal sealed class LogoutModel(ICurrentVisitor visitor) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync();
        // The next person on this device starts as a new visitor, not as the customer who just left.
        visitor.StartOver();
        return LocalRedirect("/");
    }
}
