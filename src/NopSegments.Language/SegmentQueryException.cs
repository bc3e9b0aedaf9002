using NopSegments.Language.Syntax;

namespace NopSegments.Language;

/// <summary>A query that does not parse or bind: what is wrong, where, and a suggestion when there is one.</summary>
public sealed class SegmentQueryException : Exception
{
    /// <summary>Creates the error; the message names the position and ends with the suggestion.</summary>
    public SegmentQueryException(string problem, TextPosition position, string? suggestion = null)
        : base($"{problem} at {position}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"))
    {
        Problem = problem;
        Position = position;
        Suggestion = suggestion;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>Where it is wrong.</summary>
    public TextPosition Position { get; }

    /// <summary>The closest known name, when the problem is an unknown one.</summary>
    public string? Suggestion { get; }

    /// <inheritdoc />
    public SegmentQueryException()
        : this("invalid query", default(TextPosition))
    {
    }

    /// <inheritdoc />
    public SegmentQueryException(string message)
        : this(message, default(TextPosition))
    {
    }

    /// <inheritdoc />
    public SegmentQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }
}
