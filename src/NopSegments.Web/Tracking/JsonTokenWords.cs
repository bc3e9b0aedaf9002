using System.Text.Json;

namespace NopSegments.Web.Tracking;

/// <summary>What a JSON token is, in the words a client's developer reads in a 400 answer ("an array", not "StartArray").</summary>
internal static class JsonTokenWords
{
    public static string Of(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
