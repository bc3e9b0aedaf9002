namespace NopSegments.Language.Binding;

/// <summary>The types of the language's values.</summary>
internal enum QueryType
{
    Text,
    WholeNumber,
    Number,
    Bool,
    Time,
    TextList,
}

internal static class QueryTypes
{
    public static string Describe(this QueryType type) => type switch
    {
        QueryType.Text => "text",
        QueryType.WholeNumber => "whole number",
        QueryType.Number => "number",
        QueryType.Bool => "true/false",
        QueryType.Time => "time",
        _ => "list of texts",
    };

    public static bool IsNumeric(this QueryType type) => type is QueryType.WholeNumber or QueryType.Number;
}
