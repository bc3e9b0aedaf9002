namespace NopSegments.Language.Syntax;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Duration,
    Time,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    Keyword,
    End,
}

/// <summary>One token; <see cref="Text"/> is the source text, except for strings (unescaped) and keywords (upper case).</summary>
internal sealed record Token(TokenKind Kind, string Text, TextPosition Position)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsKeyword(string keyword) => Is(TokenKind.Keyword, keyword);

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"\"{Text}\"",
        TokenKind.Keyword => Text,
        _ => $"'{Text}'",
    };
}
