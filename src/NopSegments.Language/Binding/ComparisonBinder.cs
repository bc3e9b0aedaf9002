using NopSegments.Language.Syntax;

namespace NopSegments.Language.Binding;

/// <summary>A bound comparison: true when the value (already of the subject's type, null when missing) passes.</summary>
internal delegate bool ValueTest(object? value, DateTimeOffset now);

/// <summary>Checks a comparison against its subject's type and turns it into a <see cref="ValueTest"/>.</summary>
internal static class ComparisonBinder
{
    public static ValueTest Bind(string subject, QueryType type, Comparison comparison) => comparison switch
    {
        IsNull isNull => isNull.Negated ? (v, _) => v is not null : (v, _) => v is null,
        CompareTo compare => BindCompare(subject, type, compare),
        InList list => BindIn(subject, type, list),
        Between between => BindBetween(subject, type, between),
        Contains contains => BindContains(subject, type, contains),
        _ => throw new NotSupportedException(comparison.GetType().Name),
    };

    private static ValueTest BindCompare(string subject, QueryType type, CompareTo compare)
    {
        var op = compare.Operator;
        if (type is QueryType.Text or QueryType.Bool && op is not ("=" or "!="))
            throw new SegmentQueryException($"'{op}' does not apply to '{subject}' ({type.Describe()}): use {Allowed(type)}", compare.Position);
        if (type == QueryType.TextList)
            throw new SegmentQueryException($"'{subject}' is a {type.Describe()}: use {Allowed(type)}", compare.Position);
        var operand = Operand(subject, type, compare.Value);
        return (v, now) => v is not null && Compare(op, Order(type, v, operand(now)));
    }

    private static ValueTest BindIn(string subject, QueryType type, InList list)
    {
        if (type is QueryType.Time or QueryType.Bool or QueryType.TextList)
            throw new SegmentQueryException($"IN does not apply to '{subject}' ({type.Describe()}): use {Allowed(type)}", list.Position);
        var operands = list.Values.Select(l => Operand(subject, type, l)).ToList();
        return (v, now) => v is not null && operands.Any(o => Order(type, v, o(now)) == 0) != list.Negated;
    }

    private static ValueTest BindBetween(string subject, QueryType type, Between between)
    {
        if (!type.IsNumeric() && type != QueryType.Time)
            throw new SegmentQueryException($"BETWEEN does not apply to '{subject}' ({type.Describe()}): use {Allowed(type)}", between.Position);
        var low = Operand(subject, type, between.Low);
        var high = Operand(subject, type, between.High);
        return (v, now) => v is not null && (Order(type, v, low(now)) >= 0 && Order(type, v, high(now)) <= 0) != between.Negated;
    }

    private static ValueTest BindContains(string subject, QueryType type, Contains contains)
    {
        var needle = (string)contains.Value.Value;
        return type switch
        {
            QueryType.Text => (v, _) => v is string text && text.Contains(needle, StringComparison.OrdinalIgnoreCase),
            QueryType.TextList => (v, _) => v is IEnumerable<string> items && items.Any(i => string.Equals(i, needle, StringComparison.OrdinalIgnoreCase)),
            _ => throw new SegmentQueryException($"CONTAINS does not apply to '{subject}' ({type.Describe()}): use {Allowed(type)}", contains.Position),
        };
    }

    /// <summary>The literal as a value of the subject's type, at the evaluation instant (relative times move with it).</summary>
    private static Func<DateTimeOffset, object> Operand(string subject, QueryType type, Literal literal)
    {
        switch (type, literal.Kind)
        {
            case (QueryType.Text, LiteralKind.String):
            case (QueryType.Bool, LiteralKind.Bool):
            case (QueryType.WholeNumber or QueryType.Number, LiteralKind.Number):
            case (QueryType.Time, LiteralKind.Time):
                return _ => literal.Value;
            case (QueryType.Time, LiteralKind.Duration):
                var offset = (TimeSpan)literal.Value;
                return now => now + offset;
            default:
                throw new SegmentQueryException($"cannot compare '{subject}' ({type.Describe()}) with {Article(literal.Kind)}", literal.Position);
        }
    }

    private static int Order(QueryType type, object value, object operand) => type switch
    {
        QueryType.Text => string.Compare((string)value, (string)operand, StringComparison.OrdinalIgnoreCase),
        QueryType.Bool => ((bool)value).CompareTo((bool)operand),
        QueryType.Time => ((DateTimeOffset)value).CompareTo((DateTimeOffset)operand),
        _ => ((decimal)value).CompareTo((decimal)operand),
    };

    /// <summary>Whether an ordering (negative, zero, positive) satisfies the operator.</summary>
    public static bool Compare(string op, int order) => op switch
    {
        "=" => order == 0,
        "!=" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    private static string Allowed(QueryType type) => type switch
    {
        QueryType.Text => "=, !=, IN, CONTAINS or IS NULL",
        QueryType.Bool => "= TRUE, = FALSE or IS NULL",
        QueryType.TextList => "CONTAINS or IS NULL",
        QueryType.Time => "=, !=, <, <=, >, >=, BETWEEN or IS NULL with a time (2011-12-01) or a relative time (-30d)",
        _ => "=, !=, <, <=, >, >=, IN, BETWEEN or IS NULL",
    };

    private static string Article(LiteralKind kind) => kind switch
    {
        LiteralKind.String => "a text",
        LiteralKind.Number => "a number",
        LiteralKind.Bool => "TRUE/FALSE",
        LiteralKind.Duration => "a relative time",
        _ => "a time",
    };

    public static bool Compare(string op, long left, long right) => Compare(op, left.CompareTo(right));
}
