using System.Collections.Frozen;
using System.Text;

namespace NopSegments.Language.Syntax;

/// <summary>Splits query text into tokens, tracking line and column; comments (<c>--</c> to the end of the line) are dropped.</summary>
internal sealed class Tokenizer
{
    public static readonly FrozenSet<string> Keywords = new[]
    {
        "AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "CONTAINS",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string text;
    private int offset;
    private int line = 1;
    private int column = 1;

    private Tokenizer(string text) => this.text = text;

    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokenizer = new Tokenizer(text);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.End);
        return tokens;
    }

    private TextPosition Here => new(offset, line, column);

    private char Peek(int ahead = 0) => offset + ahead < text.Length ? text[offset + ahead] : '\0';

    private Token Next()
    {
        SkipSpaceAndComments();
        var start = Here;
        var c = Peek();
        if (offset >= text.Length)
            return new Token(TokenKind.End, "", start);
        if (c is '(' or ')' or ',')
        {
            Advance(1);
            return new Token(c == '(' ? TokenKind.LeftParen : c == ')' ? TokenKind.RightParen : TokenKind.Comma, c.ToString(), start);
        }
        if (c is '"' or '\'')
            return ReadString(start, c);
        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
            return ReadNumber(start);
        if (c is '=' or '!' or '<' or '>')
            return ReadOperator(start);
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var word = Take(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');
            var upper = word.ToUpperInvariant();
            return Keywords.Contains(upper) ? new Token(TokenKind.Keyword, upper, start) : new Token(TokenKind.Identifier, word, start);
        }
        throw new SegmentQueryException($"unexpected character '{c}'", start);
    }

    private void SkipSpaceAndComments()
    {
        while (offset < text.Length)
        {
            if (char.IsWhiteSpace(Peek()))
                Advance(1);
            else if (Peek() == '-' && Peek(1) == '-')
                Take(ch => ch != '\n');
            else
                return;
        }
    }

    private Token ReadString(TextPosition start, char quote)
    {
        Advance(1);
        var value = new StringBuilder();
        while (true)
        {
            if (offset >= text.Length || Peek() == '\n')
                throw new SegmentQueryException($"the string is not closed: expected {quote}", start);
            var c = Peek();
            if (c == quote)
            {
                Advance(1);
                return new Token(TokenKind.String, value.ToString(), start);
            }
            if (c == '\\')
            {
                var escaped = Peek(1);
                if (escaped is not ('"' or '\'' or '\\'))
                    throw new SegmentQueryException("unknown escape: only \\\", \\' and \\\\ are allowed", Here);
                value.Append(escaped);
                Advance(2);
                continue;
            }
            value.Append(c);
            Advance(1);
        }
    }

    private Token ReadNumber(TextPosition start)
    {
        // An absolute time: 2011-12-01 or 2011-12-01T10:00:00Z (ISO 8601).
        if (IsDateAhead())
            return new Token(TokenKind.Time, Take(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or ':' or '.' or '+'), start);
        var number = new StringBuilder();
        if (Peek() == '-')
        {
            number.Append('-');
            Advance(1);
        }
        number.Append(Take(char.IsAsciiDigit));
        if (Peek() is 'm' or 'h' or 'd' or 'w' && !char.IsAsciiLetterOrDigit(Peek(1)) && Peek(1) != '_')
        {
            number.Append(Peek());
            Advance(1);
            return new Token(TokenKind.Duration, number.ToString(), start);
        }
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance(1);
            number.Append('.').Append(Take(char.IsAsciiDigit));
        }
        if (char.IsAsciiLetter(Peek()) || Peek() == '_')
            throw new SegmentQueryException(
                $"'{number}{Peek()}' is not a number or a duration (units: m, h, d, w — for example 30d)", start);
        return new Token(TokenKind.Number, number.ToString(), start);
    }

    private bool IsDateAhead() =>
        offset + 10 <= text.Length && char.IsAsciiDigit(Peek()) && char.IsAsciiDigit(Peek(1)) && char.IsAsciiDigit(Peek(2))
        && char.IsAsciiDigit(Peek(3)) && Peek(4) == '-' && char.IsAsciiDigit(Peek(5)) && char.IsAsciiDigit(Peek(6)) && Peek(7) == '-';

    private Token ReadOperator(TextPosition start)
    {
        var two = offset + 1 < text.Length ? text.Substring(offset, 2) : "";
        if (two is "!=" or "<=" or ">=" or "<>")
        {
            Advance(2);
            return new Token(TokenKind.Operator, two == "<>" ? "!=" : two, start);
        }
        if (Peek() == '!')
            throw new SegmentQueryException("'!' on its own is not an operator: expected '!=' (or NOT before a condition)", start);
        var one = Peek().ToString();
        Advance(1);
        return new Token(TokenKind.Operator, one, start);
    }

    private string Take(Func<char, bool> accept)
    {
        var from = offset;
        while (offset < text.Length && accept(Peek()))
            Advance(1);
        return text[from..offset];
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count && offset < text.Length; i++)
        {
            if (text[offset] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
            offset++;
        }
    }
}
