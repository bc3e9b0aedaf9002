namespace NopSegments.Hosting;

/// <summary>Creates discount codes in the host, so an offer's code works at the host's checkout.</summary>
public interface IDiscountIssuer
{
    /// <summary>Creates a new single-use code.</summary>
    Task<IssuedDiscount> IssueSingleUseCodeAsync(DiscountRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What kind of code to issue.</summary>
/// <param name="Percent">Percentage off the order, 1–100.</param>
/// <param name="ValidUntil">When the code stops working.</param>
/// <param name="Prefix">Readable start of the code, e.g. <c>COMEBACK</c>.</param>
public sealed record DiscountRequest(decimal Percent, DateTimeOffset ValidUntil, string Prefix);

/// <summary>A code the host has created.</summary>
public sealed record IssuedDiscount(string Code, decimal Percent, DateTimeOffset ValidUntil);
