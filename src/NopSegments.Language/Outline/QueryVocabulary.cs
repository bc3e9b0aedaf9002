using NopSegments.Language.Binding;
using NopSegments.Tracking;

namespace NopSegments.Language.Outline;

/// <summary>A name the editor can complete: its kind of value ("text", "number", "bool", "time", "list") and what it means.</summary>
public sealed record VocabularyWord(string Name, string Type, string Meaning);

/// <summary>An event and the properties it can be filtered on (its own, then those every event carries).</summary>
public sealed record VocabularyEvent(string Name, IReadOnlyList<VocabularyWord> Properties);

/// <summary>What the language knows, for completion in the editor and the builder's pickers.</summary>
public static class QueryVocabulary
{
    /// <summary>The attributes, in name order.</summary>
    public static IReadOnlyList<VocabularyWord> Attributes { get; } =
        [.. AttributeCatalog.All.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new VocabularyWord(a.Name, TypeOf(a.Type), a.Meaning))];

    /// <summary>The events with their properties, in name order.</summary>
    public static IReadOnlyList<VocabularyEvent> Events { get; } =
    [
        .. EventCatalog.Events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new VocabularyEvent(e.Key,
        [
            .. e.Value.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Property(p.Key, p.Value, "")),
            .. EventCatalog.CommonProperties.Where(c => !e.Value.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => Property(c.Key, c.Value, "of the visit it came in")),
        ])),
    ];

    /// <summary>The language's keywords, as the editor highlights them.</summary>
    public static IReadOnlyList<string> Keywords { get; } = [.. Syntax.Tokenizer.Keywords.Order(StringComparer.Ordinal)];

    private static VocabularyWord Property(string name, PropertyKind kind, string meaning) =>
        new(name, kind == PropertyKind.Text ? "text" : "number", meaning);

    private static string TypeOf(QueryType type) => type switch
    {
        QueryType.Text => "text",
        QueryType.WholeNumber or QueryType.Number => "number",
        QueryType.Bool => "bool",
        QueryType.Time => "time",
        _ => "list",
    };
}
