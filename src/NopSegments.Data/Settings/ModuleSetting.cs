namespace NopSegments.Data.Settings;

/// <summary>One module setting in <c>nopsegments_settings</c>.</summary>
internal sealed class ModuleSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
