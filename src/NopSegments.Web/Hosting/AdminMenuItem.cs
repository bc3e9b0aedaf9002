namespace NopSegments.Web.Hosting;

/// <summary>An entry the host shows in its admin menu while the module is installed.</summary>
public sealed record AdminMenuItem(string Title, string Url);
