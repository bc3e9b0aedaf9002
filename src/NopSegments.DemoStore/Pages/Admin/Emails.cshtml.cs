using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Pages.Admin;

internal sealed class EmailsModel(StoreDbContext db, IOptions<SmtpSettings> smtp) : PageModel
{
    public IReadOnlyList<QueuedEmail> Emails { get; private set; } = [];

    public SmtpSettings Smtp => smtp.Value;

    public async Task OnGetAsync(CancellationToken ct) =>
        Emails = await db.Emails.AsNoTracking().OrderByDescending(e => e.Id).Take(100).ToListAsync(ct);
}
