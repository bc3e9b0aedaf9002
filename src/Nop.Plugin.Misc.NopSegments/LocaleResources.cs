namespace Nop.Plugin.Misc.NopSegments;

/// <summary>The plugin's texts in nopCommerce's admin.</summary>
internal static class LocaleResources
{
    public static readonly Dictionary<string, string> All = new()
    {
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu"] = "NopSegments",
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu.Profiles"] = "Profiles",
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu.Segments"] = "Segments",
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu.Flows"] = "Flows",
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu.Campaigns"] = "Campaigns",
        [$"{NopSegmentsDefaults.LocalePrefix}.Menu.Events"] = "Store events",
    };
}
