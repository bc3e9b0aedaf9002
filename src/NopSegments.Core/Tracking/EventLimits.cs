namespace NopSegments.Tracking;

/// <summary>Size limits on one event; documented in docs/architecture.md.</summary>
public static class EventLimits
{
    /// <summary>Longest visitor, customer or session id.</summary>
    public const int MaxIdLength = 64;
    /// <summary>Most properties on one event.</summary>
    public const int MaxProperties = 32;
    /// <summary>Longest text property value.</summary>
    public const int MaxTextLength = 1000;
}
