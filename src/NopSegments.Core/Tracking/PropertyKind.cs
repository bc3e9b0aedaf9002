namespace NopSegments.Tracking;

/// <summary>The type an event property's value must have.</summary>
public enum PropertyKind
{
    /// <summary>A string.</summary>
    Text,
    /// <summary>Any number.</summary>
    Number,
    /// <summary>A whole number.</summary>
    WholeNumber,
}
