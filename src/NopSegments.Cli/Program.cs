using System.CommandLine;
using NopSegments.Cli;
using NopSegments.Cli.Bench;
using NopSegments.Cli.Import;
using NopSegments.Cli.Marketing;
using NopSegments.Cli.Profiles;
using NopSegments.Cli.Segments;

var root = new RootCommand("nopsegments: the NopSegments command line")
{
    CliDatabase.Db, CliDatabase.Provider, CliDatabase.Connection,
    ImportCommand.Create(),
    ProfileCommand.Create(),
    BenchCommand.Create(),
};
foreach (var command in QueryCommands.Create().Concat(MarketingCommands.Create()))
    root.Subcommands.Add(command);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ex.ExitCode;
}
