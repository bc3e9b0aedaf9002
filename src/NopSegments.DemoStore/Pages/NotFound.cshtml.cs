using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NopSegments.DemoStore.Pages;

[IgnoreAntiforgeryToken]
internal sealed class NotFoundModel : PageModel
{
    public int Code { get; private set; } = 404;

    public void OnGet(int? code) => Code = code ?? 404;

    public void OnPost(int? code) => Code = code ?? 404;
}
