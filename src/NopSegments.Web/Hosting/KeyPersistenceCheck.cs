using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NopSegments.Web.Hosting;

/// <summary>
/// Visitor cookies are signed with the host's Data Protection keys. Keys that live only in memory are new after every
/// restart, so every visitor's cookie stops verifying and every returning shopper becomes a new visitor.
/// </summary>
internal static class KeyPersistenceCheck
{
    public const string Warning =
        "ASP.NET Data Protection keys are kept in memory only: after every restart each visitor cookie fails its check and every " +
        "returning shopper starts as a new visitor. Persist the keys (PersistKeysToFileSystem, PersistKeysToDbContext, ...) " +
        "to a place every web node shares.";

    /// <summary>The warning when the host's keys do not outlive the process, else null.</summary>
    public static string? Check(IServiceProvider services)
    {
        if (services.GetService<IDataProtectionProvider>() is EphemeralDataProtectionProvider)
            return Warning;
        var repository = services.GetService<IOptions<KeyManagementOptions>>()?.Value.XmlRepository;
        // With no repository set, ASP.NET falls back to memory when it finds no folder to keep keys in.
        return repository is null || repository.GetType().Name.Contains("Ephemeral", StringComparison.Ordinal) ? Warning : null;
    }
}
