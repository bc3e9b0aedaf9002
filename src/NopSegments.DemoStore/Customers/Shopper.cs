using System.Security.Claims;
using System.Security.Cryptography;

namespace NopSegments.DemoStore.Customers;

/// <summary>
/// Who is shopping: a signed-in customer, or a guest known by the store's own cart cookie.
/// This is the store's identity, independent of the module's visitor cookie.
/// </summary>
internal sealed class Shopper(IHttpContextAccessor http)
{
    public const string GuestCookie = "store.guest";

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("no current request");

    public int? CustomerId =>
        int.TryParse(Context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? Email => Context.User.FindFirstValue(ClaimTypes.Email);

    public string CartOwnerKey => CustomerId is { } id ? CustomerKey(id) : GuestKey();

    public static string CustomerKey(int customerId) => $"c:{customerId}";

    public string GuestKey()
    {
        var existing = Context.Request.Cookies[GuestCookie];
        if (existing is { Length: 32 } && existing.All(char.IsAsciiHexDigitLower))
            return "g:" + existing;
        if (Context.Items[GuestCookie] is string issued)
            return "g:" + issued;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Context.Items[GuestCookie] = id;
        Context.Response.Cookies.Append(GuestCookie, id, new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
        return "g:" + id;
    }
}
