namespace NopSegments.Language.Syntax;

/// <summary>A place in the query text: 1-based line and column, 0-based offset.</summary>
public readonly record struct TextPosition(int Offset, int Line, int Column)
{
    /// <summary>"line:column", as error messages show it.</summary>
    public override string ToString() => $"{Line}:{Column}";
}
