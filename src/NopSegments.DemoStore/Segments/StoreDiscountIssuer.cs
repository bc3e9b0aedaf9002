using System.Security.Cryptography;
using NopSegments.DemoStore.Discounts;
using NopSegments.DemoStore.Storage;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Segments;

/// <summary>Creates real single-use codes in the store's discount table; they work at the cart.</summary>
internal sealed class StoreDiscountIssuer(StoreDbContext db) : IDiscountIssuer
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IssuedDiscount> IssueSingleUseCodeAsync(DiscountRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Percent is <= 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(request), request.Percent, "a discount is between 1 and 100 percent");
        var prefix = new string(request.Prefix.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Take(12).ToArray());
        var code = $"{(prefix.Length > 0 ? prefix : "OFFER")}-{RandomNumberGenerator.GetString(Alphabet, 8)}";
        db.Discounts.Add(new Discount
        {
            Code = code, Percent = request.Percent, SingleUse = true, ValidUntil = request.ValidUntil.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedDiscount(code, request.Percent, request.ValidUntil);
    }
}
