namespace NopSegments.Profiles;

/// <summary>RFM scores 1–5, 5 best.</summary>
public sealed record RfmScore(int Recency, int Frequency, int Monetary);
