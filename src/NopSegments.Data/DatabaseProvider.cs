namespace NopSegments.Data;

/// <summary>The database the module's tables live in: the shop's own.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default for a demo or a small shop).</summary>
    Sqlite,
    /// <summary>PostgreSQL.</summary>
    PostgreSql,
    /// <summary>Microsoft SQL Server (nopCommerce's usual database).</summary>
    SqlServer,
}
