namespace NopSegments.DemoStore.Emails;

/// <summary>The store's outgoing mail queue, as nopCommerce keeps one: each message with its delivery state.</summary>
internal sealed class QueuedEmail
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public int Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public string? TextBody { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary><see cref="Queued"/> until delivered (<see cref="Sent"/>) or given up on (<see cref="Failed"/>).</summary>
    public string Status { get; set; } = Queued;
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>Not tried again before this time: the backoff after a failed attempt.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
}
