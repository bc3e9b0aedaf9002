namespace Nop.Plugin.Misc.NopSegments;

/// <summary>The plugin's names inside nopCommerce.</summary>
public static class NopSegmentsDefaults
{
    public const string SystemName = "Misc.NopSegments";

    /// <summary>Every locale resource of the plugin starts with this; uninstall removes them all by it.</summary>
    public const string LocalePrefix = "Plugins.Misc.NopSegments";

    /// <summary>The nopCommerce permission that opens the module's admin pages.</summary>
    public const string ManagePermission = "Plugins.Misc.NopSegments.Manage";

    /// <summary>The widget zones the plugin fills: the tracker at the end of every page, and offers where a shop shows them.</summary>
    public static readonly IReadOnlyList<string> OfferZones =
    [
        "home_page_top", "productdetails_top", "productdetails_overview_bottom", "categorydetails_top",
        "order_summary_content_before", "checkout_progress_before",
    ];

    public const string TrackerZone = "body_end_html_tag_before";
}
