namespace NopSegments.DemoStore.Emails;

/// <summary>The store's outgoing mail queue, as nopCommerce keeps one.</summary>
internal sealed class QueuedEmail
{
    public int Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
