namespace NopSegments.Web.Hosting;

/// <summary>
/// Whether the module is installed, cached so the storefront's hot path never asks the database.
/// Loaded at startup and changed only by install and uninstall.
/// </summary>
internal sealed class ModuleState
{
    private volatile bool installed;

    public bool IsInstalled => installed;

    public void Set(bool value) => installed = value;
}
