using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NopSegments.DemoStore.Storage;

namespace NopSegments.DemoStore.Emails;

/// <summary>
/// Sends the store's message queue over SMTP with MailKit, as nopCommerce's queued-email task does. A failed attempt is
/// recorded on the message (the queue page shows it) and tried again after a doubling wait; the schedule lives in the
/// queue's rows, so a restart neither loses nor repeats a message.
/// </summary>
internal sealed class SmtpDelivery(IServiceScopeFactory scopes, IOptions<SmtpSettings> options, TimeProvider clock, ILogger<SmtpDelivery> logger)
    : BackgroundService
{
    private const int MostPerRound = 50;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return;
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        do
        {
            try
            {
                await DeliverDueAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The queue is looked at again next round; the store keeps selling.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Mail delivery round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task DeliverDueAsync(SmtpSettings settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Emails.Where(e => e.Status == QueuedEmail.Queued && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .OrderBy(e => e.Id).Take(MostPerRound).ToListAsync(ct);
        if (due.Count == 0)
            return;
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.User))
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        }
#pragma warning disable CA1031 // A server that is not there is recorded on the messages, not thrown.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The server is not there: every due message records the attempt, so the queue page shows why.
            foreach (var email in due)
                Failed(email, settings, $"could not reach {settings.Host}:{settings.Port}: {ex.Message}", now);
            await db.SaveChangesAsync(ct);
            return;
        }
        foreach (var email in due)
        {
            if (!await ClaimAsync(db, email, now, ct))
                continue;
            try
            {
                await client.SendAsync(Mime(email, settings), ct);
                // The last error stays: the queue page shows that a sent message needed more than one attempt, and why.
                (email.Status, email.SentAt, email.Attempts) = (QueuedEmail.Sent, now, email.Attempts + 1);
            }
#pragma warning disable CA1031 // Whatever one message's failure is, it is recorded on it and the others still go.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed(email, settings, ex.Message, now);
            }
            // Each message's state is saved as soon as it is known: a crash after this line does not send it twice.
            await db.SaveChangesAsync(ct);
        }
        if (client.IsConnected)
            await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>
    /// Takes the message for this node: another web node on the same database that read it as due finds it taken (its
    /// next try moved past the lease) and skips it, so two nodes never send one message twice.
    /// </summary>
    private static async Task<bool> ClaimAsync(StoreDbContext db, QueuedEmail email, DateTime now, CancellationToken ct)
    {
        var lease = now + Lease;
        var taken = await db.Emails.Where(e => e.Id == email.Id && e.Status == QueuedEmail.Queued && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.NextAttemptAt, lease), ct);
        email.NextAttemptAt = lease;
        return taken == 1;
    }

    private void Failed(QueuedEmail email, SmtpSettings settings, string error, DateTime now)
    {
        email.Attempts++;
        email.LastError = error;
        email.NextAttemptAt = now + settings.Backoff(email.Attempts);
        if (email.Attempts >= settings.MaxAttempts)
            email.Status = QueuedEmail.Failed;
        logger.LogWarning("Email {Id} to {To}: attempt {Attempt} failed: {Error}", email.Id, email.To, email.Attempts, error);
    }

    private static MimeMessage Mime(QueuedEmail email, SmtpSettings settings)
    {
        var message = new MimeMessage { Subject = email.Subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Body = new BodyBuilder { HtmlBody = email.Body, TextBody = email.TextBody }.ToMessageBody();
        return message;
    }
}
