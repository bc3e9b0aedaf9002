namespace NopSegments.Profiles;

/// <summary>Orders order ids the way people read them: numbers by value (C536379 after 536365), else ordinal.</summary>
internal static class OrderIds
{
    public static int Compare(string a, string b)
    {
        var (na, nb) = (Digits(a), Digits(b));
        if (long.TryParse(na, out var x) && long.TryParse(nb, out var y) && x != y)
            return x.CompareTo(y);
        return string.CompareOrdinal(a, b);
    }

    private static string Digits(string id) => id.TrimStart('C', 'c');
}
