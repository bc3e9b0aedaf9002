using Microsoft.EntityFrameworkCore;
using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>Puts the module's mail in the store's own queue, shown at /admin/emails, and says how that queue is doing.</summary>
internal sealed class QueuedEmailSender(StoreDbContext db, TimeProvider clock) : IEmailSender, IEmailQueueStatus
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.Emails.Add(new QueuedEmail
        {
            To = message.To, Subject = message.Subject, Body = message.HtmlBody, TextBody = message.TextBody, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<EmailQueueHealth> ReadAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await db.Emails.CountAsync(e => e.Status == QueuedEmail.Queued, cancellationToken);
        var failing = db.Emails.Where(e => e.Status == QueuedEmail.Failed || (e.Status == QueuedEmail.Queued && e.LastError != null));
        var last = await failing.OrderByDescending(e => e.Id).Select(e => e.LastError).FirstOrDefaultAsync(cancellationToken);
        return new EmailQueueHealth(waiting, await failing.CountAsync(cancellationToken), last, new Uri("/admin/emails", UriKind.Relative));
    }
}
