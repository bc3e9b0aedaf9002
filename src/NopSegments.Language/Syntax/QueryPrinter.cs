using System.Globalization;
using System.Text;

namespace NopSegments.Language.Syntax;

/// <summary>
/// The canonical text of a query: keywords in capitals, names in lower case, strings in double quotes,
/// single spaces, and parentheses only where precedence needs them. Parsing the printed text gives the
/// same query, and printing that gives the same text.
/// </summary>
internal static class QueryPrinter
{
    public static string Print(QueryNode node) => Print(node, Precedence.Or);

    private enum Precedence
    {
        Or,
        And,
        Not,
    }

    private static string Print(QueryNode node, Precedence context) => node switch
    {
        OrNode or => Wrap(string.Join(" OR ", or.Terms.Select(t => Print(t, Precedence.Or))), context > Precedence.Or),
        AndNode and => Wrap(string.Join(" AND ", and.Terms.Select(t => Print(t, Precedence.And))), context > Precedence.And),
        NotNode not => "NOT " + Print(not.Operand, Precedence.Not),
        AttributeNode attribute => $"{attribute.Attribute.Text} {Print(attribute.Comparison)}",
        EventNode e => $"{e.Event.Text}({string.Join(", ", e.Filters.Select(Print))})" + (e.Operator is null ? "" : $" {e.Operator} {e.Count}"),
        InSegmentNode segment => $"in_segment({Print(segment.Slug)})",
        InterestNode interest => $"interest({Print(interest.Category)}) {interest.Operator} {Print(interest.Value)}",
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Wrap(string text, bool parenthesize) => parenthesize ? $"({text})" : text;

    private static string Print(EventFilter filter) => filter switch
    {
        PropertyFilter property => $"{property.Property.Text} {Print(property.Comparison)}",
        TimeFilter time => $"{time.Kind} {Print(time.Value)}",
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    private static string Print(Comparison comparison) => comparison switch
    {
        CompareTo compare => $"{compare.Operator} {Print(compare.Value)}",
        InList list => $"{(list.Negated ? "NOT " : "")}IN ({string.Join(", ", list.Values.Select(Print))})",
        Between between => $"{(between.Negated ? "NOT " : "")}BETWEEN {Print(between.Low)} AND {Print(between.High)}",
        IsNull isNull => isNull.Negated ? "IS NOT NULL" : "IS NULL",
        Contains contains => $"CONTAINS {Print(contains.Value)}",
        _ => throw new NotSupportedException(comparison.GetType().Name),
    };

    public static string Print(Literal literal) => literal.Value switch
    {
        string text => Quote(text),
        decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        TimeSpan duration => Durations.Print(duration),
        DateTimeOffset time => Times.Print(time),
        _ => throw new NotSupportedException(literal.Value.GetType().Name),
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                quoted.Append('\\');
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
