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
}
