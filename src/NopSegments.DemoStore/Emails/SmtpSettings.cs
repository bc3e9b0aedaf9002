using MailKit.Security;

namespace NopSegments.DemoStore.Emails;

/// <summary>
/// Where the store's message queue is delivered (configuration section <c>Smtp</c>). Without a host, mail stays in the
/// queue page.
/// </summary>
internal sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary><c>auto</c> (STARTTLS when the server offers it), <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
    public string Tls { get; set; } = "auto";

    public string From { get; set; } = "Hearth & Holly <shop@hearth-and-holly.example>";

    /// <summary>How often the queue is looked at.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a first failed attempt; it doubles with each failure, up to an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed attempts a message is marked failed and left alone.</summary>
    public int MaxAttempts { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions Security => Tls.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
}
