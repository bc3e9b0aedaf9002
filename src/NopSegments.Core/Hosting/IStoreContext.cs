namespace NopSegments.Hosting;

/// <summary>The store the current request belongs to.</summary>
public interface IStoreContext
{
    /// <summary>The current store.</summary>
    StoreInfo Current { get; }
}

/// <summary>A store's identity and money.</summary>
public sealed record StoreInfo(string StoreId, string Name, Uri Url, string Currency);
