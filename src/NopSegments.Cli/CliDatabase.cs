using System.CommandLine;
using NopSegments.Data;

namespace NopSegments.Cli;

/// <summary>The global options every command shares: which database holds the module's tables.</summary>
internal static class CliDatabase
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "SQLite file with the module's tables (created when missing)",
        DefaultValueFactory = _ => "nopsegments.db",
        Recursive = true,
    };

    public static readonly Option<string> Provider = new("--provider")
    {
        Description = "sqlite (default) or postgres",
        DefaultValueFactory = _ => "sqlite",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "connection string, for --provider postgres",
        Recursive = true,
    };

    static CliDatabase() => Provider.AcceptOnlyFromAmong("sqlite", "postgres");

    public static SegmentsDbContextFactory From(ParseResult parse)
    {
        if (parse.GetValue(Provider) == "postgres")
        {
            var connection = parse.GetValue(Connection)
                ?? throw new CliException("--provider postgres needs --connection \"Host=...;Database=...;Username=...;Password=...\"");
            return new SegmentsDbContextFactory(DatabaseProvider.PostgreSql, connection);
        }
        var file = Path.GetFullPath(parse.GetValue(Db)!);
        return new SegmentsDbContextFactory(DatabaseProvider.Sqlite, $"Data Source={file}");
    }
}
