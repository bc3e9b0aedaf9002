using System.Globalization;

namespace NopSegments.Language.Syntax;

/// <summary>Recursive descent over the grammar of SEGMENT-LANGUAGE.md; the first error stops it.</summary>
internal sealed class Parser
{
    public const string Operators = "=, !=, <, <=, >, >=";
    private const string ComparisonStart = "a comparison (=, !=, <, <=, >, >=, IN, BETWEEN, IS NULL or CONTAINS)";
    private readonly List<Token> tokens;
    private int next;

    /// <summary>How deep parentheses and NOT may nest.</summary>
    public const int MaxDepth = 64;

    private int depth;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public static QueryNode Parse(string text)
    {
        var parser = new Parser(Tokenizer.Tokenize(text));
        if (parser.Current.Kind == TokenKind.End)
            throw new SegmentQueryException("the query is empty: expected a condition such as orders_count >= 1", parser.Current.Position);
        var query = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
            throw parser.Expected(parser.Current.Kind == TokenKind.RightParen ? "no ')' here (it closes nothing)" : "AND, OR or the end of the query");
        return query;
    }

    private Token Current => tokens[next];

    private Token Advance() => tokens[next++];

    private SegmentQueryException Expected(string what) =>
        new($"expected {what}, found {Current.Describe()}", Current.Position);

    private QueryNode ParseOr()
    {
        var first = ParseAnd();
        var terms = new List<QueryNode> { first };
        while (Current.IsKeyword("OR"))
        {
            Advance();
            terms.Add(ParseAnd());
        }
        return terms.Count == 1 ? first : new OrNode(terms, first.Position);
    }

    private QueryNode ParseAnd()
    {
        var first = ParseUnary();
        var terms = new List<QueryNode> { first };
        while (Current.IsKeyword("AND"))
        {
            Advance();
            terms.Add(ParseUnary());
        }
        return terms.Count == 1 ? first : new AndNode(terms, first.Position);
    }

    private QueryNode ParseUnary()
    {
        if (Current.IsKeyword("NOT") || Current.Kind == TokenKind.LeftParen)
        {
            // Every later stage walks the tree recursively: a limit here keeps a hostile query from exhausting the stack.
            if (++depth > MaxDepth)
                throw new SegmentQueryException($"the query nests more than {MaxDepth} levels of parentheses and NOT here; write it flatter", Current.Position);
            try
            {
                return ParseNested();
            }
            finally
            {
                depth--;
            }
        }
        return ParsePredicate();
    }

    private QueryNode ParseNested()
    {
        if (Current.IsKeyword("NOT"))
        {
            var not = Advance();
            return new NotNode(ParseUnary(), not.Position);
        }
        Advance();
        var inner = ParseOr();
        Expect(TokenKind.RightParen, "')' to close the '('");
        return inner;
    }

    private QueryNode ParsePredicate()
    {
        if (Current.Kind != TokenKind.Identifier)
            throw Expected("a condition: an attribute, an event, in_segment(…), interest(…), NOT or '('");
        var name = Advance();
        var lowered = name.Text.ToLowerInvariant();
        if (Current.Kind != TokenKind.LeftParen)
            return new AttributeNode(new Name(lowered, name.Position), ParseComparison(name.Text));
        Advance();
        switch (lowered)
        {
            case "in_segment":
            {
                var slug = ExpectString("the segment's slug in quotes, as in in_segment(\"vip\")");
                Expect(TokenKind.RightParen, "')' after the slug");
                return new InSegmentNode(slug, name.Position);
            }
            case "interest":
            {
                var category = ExpectString("a category in quotes, as in interest(\"Candles\") >= 0.5");
                Expect(TokenKind.RightParen, "')' after the category");
                var op = ExpectOperator("interest(…)");
                var value = ParseLiteral();
                return new InterestNode(category, op, value, name.Position);
            }
            default:
                return ParseEvent(new Name(lowered, name.Position));
        }
    }

    private EventNode ParseEvent(Name name)
    {
        var filters = new List<EventFilter>();
        if (Current.Kind != TokenKind.RightParen)
        {
            filters.Add(ParseFilter());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                filters.Add(ParseFilter());
            }
        }
        Expect(TokenKind.RightParen, "',' or ')' in the event's filters");
        if (Current.Kind != TokenKind.Operator)
            return new EventNode(name, filters, null, null);
        var op = Advance().Text;
        if (Current.Kind != TokenKind.Number || Current.Text.Contains('.', StringComparison.Ordinal) || Current.Text.StartsWith('-'))
            throw Expected($"a whole number of events after {name.Text}(…) {op}");
        if (!long.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new SegmentQueryException($"the count {Current.Text} is too large: counts go up to {long.MaxValue.ToString(CultureInfo.InvariantCulture)}", Current.Position);
        Advance();
        return new EventNode(name, filters, op, count);
    }

    private EventFilter ParseFilter()
    {
        if (Current.Kind != TokenKind.Identifier)
            throw Expected("a filter: a property comparison, within <duration>, after <time> or before <time>");
        var name = Advance();
        var word = name.Text.ToLowerInvariant();
        if (word is TimeFilter.Within or TimeFilter.After or TimeFilter.Before && Current.Kind is TokenKind.Duration or TokenKind.Time)
        {
            var value = ParseLiteral();
            if (word == TimeFilter.Within && value.Kind != LiteralKind.Duration)
                throw new SegmentQueryException("within takes a duration such as 7d", value.Position);
            return new TimeFilter(word, value, name.Position);
        }
        if (word == TimeFilter.Within)
            throw Expected("a duration after within, such as 7d or 12h");
        return new PropertyFilter(new Name(word, name.Position), ParseComparison(name.Text));
    }

    private Comparison ParseComparison(string subject)
    {
        var start = Current.Position;
        if (Current.Kind == TokenKind.Operator)
        {
            var op = Advance().Text;
            return new CompareTo(op, ParseLiteral(), start);
        }
        var negated = false;
        if (Current.IsKeyword("NOT"))
        {
            Advance();
            negated = true;
            if (!Current.IsKeyword("IN") && !Current.IsKeyword("BETWEEN"))
                throw Expected("IN or BETWEEN after NOT");
        }
        if (Current.IsKeyword("IN"))
        {
            Advance();
            Expect(TokenKind.LeftParen, "'(' to open the IN list");
            var values = new List<Literal> { ParseLiteral() };
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                values.Add(ParseLiteral());
            }
            Expect(TokenKind.RightParen, "',' or ')' in the IN list");
            return new InList(negated, values, start);
        }
        if (Current.IsKeyword("BETWEEN"))
        {
            Advance();
            var low = ParseLiteral();
            if (!Current.IsKeyword("AND"))
                throw Expected("AND between the two ends of BETWEEN");
            Advance();
            return new Between(negated, low, ParseLiteral(), start);
        }
        if (Current.IsKeyword("IS"))
        {
            Advance();
            var not = Current.IsKeyword("NOT");
            if (not)
                Advance();
            if (!Current.IsKeyword("NULL"))
                throw Expected(not ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
            Advance();
            return new IsNull(not, start);
        }
        if (Current.IsKeyword("CONTAINS"))
        {
            Advance();
            return new Contains(ExpectString("a text in quotes after CONTAINS"), start);
        }
        throw Expected($"{ComparisonStart} after '{subject}'");
    }

    private Literal ParseLiteral()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return new Literal(LiteralKind.String, token.Text, token.Position);
            case TokenKind.Number:
                Advance();
                if (!decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    throw new SegmentQueryException($"the number {token.Text} is too large: numbers go up to {decimal.MaxValue.ToString(CultureInfo.InvariantCulture)}", token.Position);
                return new Literal(LiteralKind.Number, number, token.Position);
            case TokenKind.Duration:
                Advance();
                return new Literal(LiteralKind.Duration, Durations.Parse(token.Text, token.Position), token.Position);
            case TokenKind.Time:
                Advance();
                return new Literal(LiteralKind.Time, Times.Parse(token.Text, token.Position), token.Position);
            case TokenKind.Keyword when token.Text is "TRUE" or "FALSE":
                Advance();
                return new Literal(LiteralKind.Bool, token.Text == "TRUE", token.Position);
            default:
                throw Expected("a value: a \"text\", a number, TRUE/FALSE, a duration such as -30d or a time such as 2011-12-01");
        }
    }

    private Literal ExpectString(string what)
    {
        if (Current.Kind != TokenKind.String)
            throw Expected(what);
        var token = Advance();
        return new Literal(LiteralKind.String, token.Text, token.Position);
    }

    private string ExpectOperator(string subject)
    {
        if (Current.Kind != TokenKind.Operator)
            throw Expected($"an operator ({Operators}) after {subject}");
        return Advance().Text;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
            throw Expected(what);
        Advance();
    }
}
