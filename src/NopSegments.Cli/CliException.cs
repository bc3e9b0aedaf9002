namespace NopSegments.Cli;

/// <summary>A mistake the user can fix; printed without a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
