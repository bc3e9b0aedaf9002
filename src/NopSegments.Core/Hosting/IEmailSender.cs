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
