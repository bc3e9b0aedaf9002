using NopSegments.Data.Segments;
using NopSegments.Language;

namespace NopSegments.Web.Admin;

/// <summary>What the merchandiser typed; kept whole through every error so nothing is lost.</summary>
public sealed record SegmentForm(string? Original, string Slug, string Name, string? Description, string Query)
{
    public static readonly SegmentForm Blank = new(null, "", "", null, "");
}

/// <summary>A query that does not parse or bind, with where it went wrong.</summary>
public sealed record QueryProblem(string Message, int? Line = null, int? Column = null)
{
    public static QueryProblem From(SegmentQueryException error) =>
        new(error.Message, error.Position.Line > 0 ? error.Position.Line : null, error.Position.Line > 0 ? error.Position.Column : null);
}

/// <summary>Explain for one profile: the per-condition trace and when membership will next change on its own.</summary>
public sealed record ProfileExplanation(string Profile, ConditionTrace Trace, DateTimeOffset? NextChange);

/// <summary>Everything the segment editor page shows.</summary>
public sealed class SegmentView
{
    public required SegmentForm Form { get; init; }
    public SegmentSummary? Saved { get; init; }
    public QueryProblem? Problem { get; init; }
    public SegmentPreview? Preview { get; init; }
    public string? Notice { get; init; }
    public IReadOnlyList<SegmentChange> Changes { get; init; } = [];
    public IReadOnlyList<SegmentMemberRow> Members { get; init; } = [];
    /// <summary>The cursors of the pages shown (null: the first) and of the next ones (null: none).</summary>
    public string? MembersFrom { get; init; }
    public string? NextMembers { get; init; }
    public string? ChangesFrom { get; init; }
    public string? NextChanges { get; init; }
    public IReadOnlyList<SegmentDay> Days { get; init; } = [];
    public IReadOnlyList<SegmentOverlap> Overlap { get; init; } = [];
    public SegmentOutcomes? Outcomes { get; init; }
    public string? ExplainFor { get; init; }
    public ProfileExplanation? Explanation { get; init; }
    public string? ExplainProblem { get; init; }
    public required string Token { get; init; }
}
