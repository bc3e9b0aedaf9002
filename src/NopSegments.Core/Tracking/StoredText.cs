using System.Buffers;
using System.Globalization;
using System.Text;

namespace NopSegments.Tracking;

/// <summary>
/// The one rule for text the module stores: no control characters (U+0000–U+001F and U+007F) except tab and line feed,
/// and no unpaired surrogate halves. PostgreSQL refuses NUL in text and invalid UTF-16 cannot be encoded for any database,
/// so such a value would fail the whole batch it rides in. The browser's values are refused with a reason; the values a
/// trusted server hook passes are cleaned (the offending characters removed); ids are never cleaned, only refused.
/// </summary>
public static class StoredText
{
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not '\t' and not '\n').Select(c => (char)c), '\u007F',
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    /// <summary>Where the first character the rule refuses is, or -1 when the text may be stored as it is.</summary>
    public static int FirstRefused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var offset = 0;
        while (span.IndexOfAny(Suspect) is var i and >= 0)
        {
            if (!char.IsSurrogate(span[i]))
                return offset + i;
            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                return offset + i;
            offset += i + 2;
            span = span[(i + 2)..];
        }
        return -1;
    }

    /// <summary>Why the text may not be stored (naming the character and its position), or null when it may.</summary>
    public static string? Refusal(string text)
    {
        var at = FirstRefused(text);
        if (at < 0)
            return null;
        var code = ((int)text[at]).ToString("X4", CultureInfo.InvariantCulture);
        return char.IsSurrogate(text[at])
            ? $"holds an unpaired surrogate (U+{code}) at character {at + 1}; text must be valid Unicode"
            : $"holds a control character (U+{code}) at character {at + 1}; text may hold tabs and line breaks but no other control characters";
    }

    /// <summary>The text without the characters the rule refuses; the same instance when there are none.</summary>
    public static string Clean(string text)
    {
        var at = FirstRefused(text);
        if (at < 0)
            return text;
        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not '\t' and not '\n' && c <= '\u007F'))
                continue;
            kept.Append(c);
        }
        return kept.ToString();
    }

    /// <summary>The event with its text properties cleaned; the same instance when nothing needed cleaning.</summary>
    public static StoreEvent Clean(StoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Dictionary<string, object?>? cleaned = null;
        foreach (var (name, value) in e.Properties)
        {
            if (value is not string text || FirstRefused(text) < 0)
                continue;
            cleaned ??= new Dictionary<string, object?>(e.Properties, StringComparer.Ordinal);
            cleaned[name] = Clean(text);
        }
        return cleaned is null ? e : e with { Properties = cleaned };
    }
}
