namespace NopSegments.Profiles;

/// <summary>One buyer's RFM metrics at the evaluation instant.</summary>
/// <param name="Key">The profile.</param>
/// <param name="LastOrderAt">Its last order (recency = now − this; more recent is better).</param>
/// <param name="Frequency">orders_count.</param>
/// <param name="Monetary">total_spent.</param>
public sealed record RfmInput(string Key, DateTimeOffset LastOrderAt, int Frequency, decimal Monetary);
