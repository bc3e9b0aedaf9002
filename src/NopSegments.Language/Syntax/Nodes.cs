namespace NopSegments.Language.Syntax;

/// <summary>A name in the query (attribute, event, property) and where it is.</summary>
internal sealed record Name(string Text, TextPosition Position);

internal enum LiteralKind
{
    String,
    Number,
    Bool,
    /// <summary>A signed duration; as a time it means now plus the duration (<c>-30d</c>).</summary>
    Duration,
    Time,
}

/// <summary>A literal with its parsed value: string, decimal, bool, <see cref="TimeSpan"/> or <see cref="DateTimeOffset"/>.</summary>
internal sealed record Literal(LiteralKind Kind, object Value, TextPosition Position);

/// <summary>A node of the syntax tree; every node knows where it starts.</summary>
internal abstract record QueryNode(TextPosition Position);

internal sealed record OrNode(IReadOnlyList<QueryNode> Terms, TextPosition Position) : QueryNode(Position);

internal sealed record AndNode(IReadOnlyList<QueryNode> Terms, TextPosition Position) : QueryNode(Position);

internal sealed record NotNode(QueryNode Operand, TextPosition Position) : QueryNode(Position);

/// <summary><c>orders_count &gt;= 3</c></summary>
internal sealed record AttributeNode(Name Attribute, Comparison Comparison) : QueryNode(Attribute.Position);

/// <summary><c>product_viewed(category = "Shoes", within 7d) &gt;= 3</c>; without an operator it means <c>&gt;= 1</c>.</summary>
internal sealed record EventNode(Name Event, IReadOnlyList<EventFilter> Filters, string? Operator, long? Count) : QueryNode(Event.Position);

/// <summary><c>in_segment("vip")</c></summary>
internal sealed record InSegmentNode(Literal Slug, TextPosition Position) : QueryNode(Position);

/// <summary><c>interest("Candles") &gt;= 0.5</c></summary>
internal sealed record InterestNode(Literal Category, string Operator, Literal Value, TextPosition Position) : QueryNode(Position);

/// <summary>What a value is compared with.</summary>
internal abstract record Comparison(TextPosition Position);

internal sealed record CompareTo(string Operator, Literal Value, TextPosition Position) : Comparison(Position);

internal sealed record InList(bool Negated, IReadOnlyList<Literal> Values, TextPosition Position) : Comparison(Position);

internal sealed record Between(bool Negated, Literal Low, Literal High, TextPosition Position) : Comparison(Position);

internal sealed record IsNull(bool Negated, TextPosition Position) : Comparison(Position);

internal sealed record Contains(Literal Value, TextPosition Position) : Comparison(Position);

/// <summary>One filter inside an event predicate.</summary>
internal abstract record EventFilter(TextPosition Position);

internal sealed record PropertyFilter(Name Property, Comparison Comparison) : EventFilter(Property.Position);

/// <summary><c>within 7d</c>, <c>after 2011-12-01</c>, <c>before -30d</c>.</summary>
internal sealed record TimeFilter(string Kind, Literal Value, TextPosition Position) : EventFilter(Position)
{
    public const string Within = "within";
    public const string After = "after";
    public const string Before = "before";
}
