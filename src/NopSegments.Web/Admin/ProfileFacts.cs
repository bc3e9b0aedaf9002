using System.Globalization;
using NopSegments.Data.Tracking;
using NopSegments.Hosting;
using NopSegments.Profiles;

namespace NopSegments.Web.Admin;

/// <summary>What the profile page shows, as text under the segment language's attribute names.</summary>
internal static class ProfileFacts
{
    public static readonly HashSet<string> SessionKeys = new(StringComparer.Ordinal) { "source", "utm_source", "utm_medium", "utm_campaign", "device" };

    public static IEnumerable<(string Name, string? Value)> Attributes(ProfileAttributes a, RfmScore? rfm, CustomerInfo? c, DateTimeOffset now)
    {
        yield return ("customer_id", a.CustomerId);
        yield return ("email", c?.Email);
        yield return ("is_registered", c is null ? null : Bool(c.IsRegistered));
        yield return ("accepts_marketing", c is null ? null : Bool(c.AcceptsMarketing));
        yield return ("gender", c?.Gender);
        yield return ("age", c?.DateOfBirth is { } born ? Age(born, now).ToString(CultureInfo.InvariantCulture) : null);
        yield return ("country", c?.Country ?? a.Country);
        yield return ("city", c?.City);
        yield return ("language", c?.Language);
        yield return ("customer_roles", c is null ? null : string.Join(", ", c.Roles));
        yield return ("orders_count", Num(a.OrdersCount));
        yield return ("total_spent", Money(a.TotalSpent));
        yield return ("average_order_value", a.AverageOrderValue is { } aov ? Money(aov) : null);
        yield return ("first_order_at", Time(a.FirstOrderAt));
        yield return ("last_order_at", Time(a.LastOrderAt));
        yield return ("refunds_count", Num(a.RefundsCount));
        yield return ("discount_orders_count", Num(a.DiscountOrdersCount));
        yield return ("discount_orders_share", a.DiscountOrdersShare?.ToString("0.00", CultureInfo.InvariantCulture));
        yield return ("sessions_count", Num(a.SessionsCount));
        yield return ("page_views_count", Num(a.PageViewsCount));
        yield return ("first_seen_at", Time(a.FirstSeenAt));
        yield return ("last_seen_at", Time(a.LastSeenAt));
        yield return ("first_source", a.FirstSource);
        yield return ("last_source", a.LastSource);
        yield return ("device", a.Device);
        yield return ("cart_items_count", Num(a.CartItemsCount));
        yield return ("cart_value", Money(a.CartValue));
        yield return ("last_added_to_cart_at", Time(a.LastAddedToCartAt));
        yield return ("rfm_recency", rfm?.Recency.ToString(CultureInfo.InvariantCulture));
        yield return ("rfm_frequency", rfm?.Frequency.ToString(CultureInfo.InvariantCulture));
        yield return ("rfm_monetary", rfm?.Monetary.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Runs of consecutive events of one session, newest first; history without a browser session is its own group.</summary>
    public static IEnumerable<IGrouping<string, EventRecord>> BySession(IReadOnlyList<EventRecord> newestFirst)
    {
        var groups = new List<(string Key, List<EventRecord> Events)>();
        foreach (var e in newestFirst)
        {
            var key = e.SessionId ?? "";
            if (groups.Count == 0 || groups[^1].Key != key)
                groups.Add((key, []));
            groups[^1].Events.Add(e);
        }
        return groups.SelectMany(g => g.Events.Select(e => (g.Key, e))).GroupBy(x => x.Key, x => x.e)
            .OrderByDescending(g => g.Max(e => e.OccurredAt));
    }

    public static string SessionTitle(IGrouping<string, EventRecord> session)
    {
        if (session.Key.Length == 0)
            return "Order history (no browser session)";
        var first = session.MinBy(e => e.OccurredAt)!;
        var facts = Props(first.Properties);
        return $"Session from {first.OccurredAt:yyyy-MM-dd HH:mm} · {facts.GetValueOrDefault("source") ?? "unknown source"}"
            + (facts.GetValueOrDefault("utm_campaign") is { } campaign ? $" ({campaign})" : "")
            + (facts.GetValueOrDefault("device") is { } device ? $" · {device}" : "")
            + $" · {session.Count()} event{(session.Count() == 1 ? "" : "s")}";
    }

    public static IEnumerable<(string Source, int Sessions)> Sources(IReadOnlyList<EventRecord> timeline) =>
        timeline.Where(e => e.SessionId is not null).GroupBy(e => e.SessionId)
            .Select(s => Props(s.MinBy(e => e.OccurredAt)!.Properties).GetValueOrDefault("source") ?? "unknown")
            .GroupBy(source => source).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2);

    private static Dictionary<string, string?> Props(string json) =>
        EventProperties.Readable(json).ToDictionary(p => p.Name, p => (string?)p.Value, StringComparer.Ordinal);

    private static int Age(DateOnly born, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
    }

    private static string Bool(bool value) => value ? "true" : "false";
    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
