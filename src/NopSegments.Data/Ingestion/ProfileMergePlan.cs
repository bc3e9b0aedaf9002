namespace NopSegments.Data.Ingestion;

/// <summary>An anonymous profile to fold into a customer's once the batch's events are in.</summary>
internal sealed record ProfileMergePlan(long From, long Into, string VisitorId, string CustomerId);
