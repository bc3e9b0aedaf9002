namespace NopSegments.Language;

/// <summary>Why a condition matched or not for one profile: the values or events it saw, and its parts.</summary>
/// <param name="Condition">The condition in canonical query text.</param>
/// <param name="Matched">Whether it held.</param>
/// <param name="Detail">What it saw: "orders_count is 5", "2 matching events, latest 2011-12-09T12:50:00Z".</param>
/// <param name="Parts">The conditions it combines (AND, OR, NOT).</param>
public sealed record ConditionTrace(string Condition, bool Matched, string Detail, IReadOnlyList<ConditionTrace> Parts);
