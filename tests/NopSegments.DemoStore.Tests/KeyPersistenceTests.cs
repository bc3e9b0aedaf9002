using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Hosting;

namespace NopSegments.DemoStore.Tests;

public sealed class KeyPersistenceTests
{
    private static string? CheckWith(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        using var provider = services.BuildServiceProvider();
        return KeyPersistenceCheck.Check(provider);
    }

    [Fact]
    public void Keys_kept_only_in_memory_are_warned_about()
    {
        Assert.Equal(KeyPersistenceCheck.Warning, CheckWith(s => s.AddDataProtection().UseEphemeralDataProtectionProvider()));
        Assert.Equal(KeyPersistenceCheck.Warning, CheckWith(s => s.AddDataProtection().Services.Configure<KeyManagementOptions>(o => o.XmlRepository = null)));
    }

    [Fact]
    public void Keys_persisted_to_a_folder_are_not()
    {
        var folder = Directory.CreateTempSubdirectory("nopsegments-keys");
        Assert.Null(CheckWith(s => s.AddDataProtection().PersistKeysToFileSystem(folder)));
    }

    [Fact]
    public async Task The_demo_store_persists_its_keys()
    {
        await using var store = await StoreFactory.CreateAsync(install: false);
        Assert.Null(KeyPersistenceCheck.Check(store.Services));
    }
}
