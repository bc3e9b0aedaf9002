using System.Text.Json;

namespace NopSegments.Web.Hosting;

/// <summary>The module's manifest (plugin.json, in nopCommerce's form), shipped inside the assembly.</summary>
public sealed record PluginDescriptor(
    string Group, string FriendlyName, string SystemName, string Version,
    IReadOnlyList<string> SupportedVersions, string Author, int DisplayOrder, string FileName, string Description)
{
    internal static PluginDescriptor Load()
    {
        using var stream = typeof(PluginDescriptor).Assembly.GetManifestResourceStream("NopSegments.plugin.json")
            ?? throw new InvalidOperationException("plugin.json is not embedded in NopSegments.Web");
        return JsonSerializer.Deserialize<PluginDescriptor>(stream)
            ?? throw new InvalidOperationException("plugin.json is empty");
    }
}
