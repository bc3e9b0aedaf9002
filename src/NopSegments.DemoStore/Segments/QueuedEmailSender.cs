using NopSegments.DemoStore.Emails;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>Puts the module's mail in the store's own queue, shown at /admin/emails.</summary>
internal sealed class QueuedEmailSender(StoreDbContext db, TimeProvider clock) : IEmailSender
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
}
