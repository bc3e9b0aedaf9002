using System.Globalization;

namespace NopSegments.Tracking;

/// <summary>Checks an event against the catalog and the size limits before it is stored.</summary>
internal static class EventValidator
{
    public static string? Validate(StoreEvent e)
    {
        // The event's own property kinds are looked up once, not once per property.
        if (!EventCatalog.Events.TryGetValue(e.Name, out var own))
            return $"unknown event '{e.Name}'";
        if (IdError("visitor id", e.VisitorId, required: true) is { } visitorError)
            return visitorError;
        if (IdError("customer id", e.CustomerId, required: false) is { } customerError)
            return customerError;
        if (IdError("session id", e.SessionId, required: false) is { } sessionError)
            return sessionError;
        if (e.OccurredAt == default)
            return "the event has no time";
        if (e.Properties.Count > EventLimits.MaxProperties)
            return $"{e.Properties.Count} properties; at most {EventLimits.MaxProperties} are allowed";

        foreach (var (name, value) in e.Properties)
        {
            if (!own.TryGetValue(name, out var kind) && !EventCatalog.CommonProperties.TryGetValue(name, out kind))
                return $"'{e.Name}' has no property '{name}'";
            if (ValueError(kind, value) is { } valueError)
                return $"property '{name}': {valueError}";
        }
        return null;
    }

    private static string? IdError(string what, string? id, bool required)
    {
        if (string.IsNullOrWhiteSpace(id))
            return required ? $"the {what} is missing" : id is null ? null : $"the {what} is blank";
        if (id.Length > EventLimits.MaxIdLength)
            return $"the {what} is longer than {EventLimits.MaxIdLength} characters";
        return StoredText.Refusal(id) is { } refusal ? $"the {what} {refusal}" : null;
    }

    private static string? ValueError(PropertyKind kind, object? value) => (kind, value) switch
    {
        (_, null) => null,
        (PropertyKind.Text, string s) => s.Length > EventLimits.MaxTextLength
            ? $"text longer than {EventLimits.MaxTextLength} characters" : null,
        (PropertyKind.Text, _) => $"expected text, got {Describe(value)}",
        (PropertyKind.WholeNumber, int or long or short or byte) => null,
        (PropertyKind.WholeNumber, decimal or double or float) => IsWhole(value) ? null : $"expected a whole number, got {Describe(value)}",
        (PropertyKind.Number, int or long or short or byte or decimal) => null,
        (PropertyKind.Number, double d) => double.IsFinite(d) ? null : "expected a finite number",
        (PropertyKind.Number, float f) => float.IsFinite(f) ? null : "expected a finite number",
        _ => $"expected a number, got {Describe(value)}",
    };

    private static bool IsWhole(object value)
    {
        var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return double.IsFinite(d) && Math.Floor(d) == d;
    }

    private static string Describe(object value) => value switch
    {
        string s => $"text \"{(s.Length > 20 ? s[..20] + "…" : s)}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };
}
