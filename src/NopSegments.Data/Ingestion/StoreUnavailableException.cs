namespace NopSegments.Data.Ingestion;

/// <summary>The module's database could not be reached at all: whatever the batch held, it was not the cause.</summary>
internal sealed class StoreUnavailableException(Exception inner)
    : Exception($"the database could not be reached: {inner.Message}", inner);
