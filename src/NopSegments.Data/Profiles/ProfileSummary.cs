namespace NopSegments.Data.Profiles;

/// <summary>One row of the admin's profile list, from the materialized columns.</summary>
public sealed record ProfileSummary(
    long Id, string? CustomerId, int OrdersCount, double TotalSpent, DateTime? LastSeenAt, string? Country,
    int SessionsCount, string? LastSource, string? Device, int CartItemsCount);
