namespace NopSegments.Hosting;

/// <summary>The host's outgoing mail (its queue, or SMTP).</summary>
public interface IEmailSender
{
    /// <summary>Hands one message to the host for delivery.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>One outgoing email.</summary>
public sealed record EmailMessage(string To, string Subject, string HtmlBody)
{
    /// <summary>The same message as plain text, for mail clients that do not show HTML.</summary>
    public string? TextBody { get; init; }
}

/// <summary>
/// Optional: how the host's mail queue is doing, so the module's Flows pages can say when its mail is not going out
/// (a flow's send is done when the host has the message; delivery is the host's).
/// </summary>
public interface IEmailQueueStatus
{
    /// <summary>The queue now.</summary>
    Task<EmailQueueHealth> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Messages waiting to go, those whose delivery failed (waiting to be tried again, or given up on), the latest failure's
/// reason, and where the host shows its queue.
/// </summary>
public sealed record EmailQueueHealth(int Waiting, int Failing, string? LastError, Uri? QueuePage);
