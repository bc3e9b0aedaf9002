using System.Text.Json.Serialization;

namespace NopSegments.Language.Outline;

/// <summary>
/// A query as the visual builder shows it: groups of rules. Values are as a merchandiser types them: a string without
/// its quotes, every other literal in the language's own spelling (<c>3</c>, <c>-30d</c>, <c>2011-12-01</c>, <c>TRUE</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OutlineGroup), "group")]
[JsonDerivedType(typeof(OutlineAttributeRule), "attribute")]
[JsonDerivedType(typeof(OutlineEvent), "event")]
[JsonDerivedType(typeof(OutlineSegment), "segment")]
[JsonDerivedType(typeof(OutlineInterest), "interest")]
public abstract record OutlineNode;

/// <summary>The builder's view of a query; <paramref name="NotShown"/> says what of the text it cannot show, if anything.</summary>
public sealed record OutlineResult(OutlineGroup Root, string? NotShown);

/// <summary>Rules joined by <see cref="Join"/> ("and" or "or"); <see cref="Negated"/> puts NOT before the group.</summary>
public sealed record OutlineGroup(string Join, bool Negated, IReadOnlyList<OutlineNode> Items) : OutlineNode;

/// <summary><c>country IN ("SE", "NO")</c>: the operator is one of =, !=, &lt;, &lt;=, &gt;, &gt;=, in, not in, between,
/// not between, is null, is not null, contains; <see cref="Values"/> holds as many values as the operator takes.</summary>
public sealed record OutlineCondition(string Name, string Operator, IReadOnlyList<string> Values);

/// <summary>An attribute compared with values; <see cref="Negated"/> is NOT before it.</summary>
public sealed record OutlineAttributeRule(OutlineCondition Condition, bool Negated) : OutlineNode;

/// <summary>
/// <c>product_viewed(category = "Shoes", within 7d) &gt;= 3</c>: the event, its property filters, its time filters
/// (within / after / before, null when absent) and the count comparison (<c>&gt;= 1</c> when the text had none).
/// </summary>
public sealed record OutlineEvent(
    string Event, IReadOnlyList<OutlineCondition> Filters, string? Within, string? After, string? Before,
    string Operator, long Count, bool Negated) : OutlineNode;

/// <summary><c>in_segment("vip")</c>.</summary>
public sealed record OutlineSegment(string Slug, bool Negated) : OutlineNode;

/// <summary><c>interest("Candles") &gt;= 0.5</c>.</summary>
public sealed record OutlineInterest(string Category, string Operator, string Value, bool Negated) : OutlineNode;
