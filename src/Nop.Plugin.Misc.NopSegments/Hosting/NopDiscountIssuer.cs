using System.Security.Cryptography;
using Nop.Core.Domain.Discounts;
using Nop.Services.Discounts;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>An offer's code is a nopCommerce discount on the order total that needs its coupon code and works once.</summary>
internal sealed class NopDiscountIssuer(IDiscountService discounts) : IDiscountIssuer
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IssuedDiscount> IssueSingleUseCodeAsync(DiscountRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefix = new string([.. request.Prefix.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Take(12)]);
        var code = $"{(prefix.Length > 0 ? prefix : "OFFER")}-{RandomNumberGenerator.GetString(Alphabet, 8)}";
        await discounts.InsertDiscountAsync(new Discount
        {
            Name = $"NopSegments offer {code}", AdminComment = "Issued by NopSegments for one shopper's offer",
            DiscountType = DiscountType.AssignedToOrderTotal, UsePercentage = true, DiscountPercentage = request.Percent,
            RequiresCouponCode = true, CouponCode = code, DiscountLimitation = DiscountLimitationType.NTimesOnly, LimitationTimes = 1,
            StartDateUtc = DateTime.UtcNow, EndDateUtc = request.ValidUntil.UtcDateTime, IsActive = true,
        });
        return new IssuedDiscount(code, request.Percent, request.ValidUntil);
    }
}
