using System.Diagnostics;

namespace NopSegments.Cli.Tests;

/// <summary>Runs the built nopsegments program as a user would, and captures what it prints.</summary>
internal static class CliProcess
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nopsegments.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The shared real datasets beside the project; end users do not have them.</summary>
    public static string SharedData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
                return candidate;
        }
        Skip.If(true, $"../shared/data/{relative} is not on this machine (it is not part of the project).");
        return "";
    }
}
