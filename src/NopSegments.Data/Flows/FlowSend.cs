namespace NopSegments.Data.Flows;

/// <summary>
/// A message a flow step sent (or chose not to). <see cref="SendKey"/> is unique: a restart, a retry or a second web node
/// running the same due step finds the row and sends nothing twice.
/// </summary>
public sealed class FlowSend
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>The step did not go to this person (no phone for an SMS, the frequency cap until the next step); Detail says why.</summary>
    public const string Skipped = "skipped";

    public long Id { get; set; }
    public required string SendKey { get; set; }
    public long EntryId { get; set; }
    public required string Flow { get; set; }
    public int Step { get; set; }
    public long ProfileId { get; set; }
    public required string Channel { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public DateTime SentAt { get; set; }
    public required string Status { get; set; }
    public string? Detail { get; set; }

    /// <summary>The first open (the email's pixel) and click (a link through the store), when they happened.</summary>
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClickedAt { get; set; }

    /// <summary>The order credited to this send (within the conversion window after a click or the send), with its value.</summary>
    public string? OrderId { get; set; }
    public DateTime? ConvertedAt { get; set; }
    public decimal? Revenue { get; set; }
}
