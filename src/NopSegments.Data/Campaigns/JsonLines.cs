using System.Text;
using System.Text.Json;

namespace NopSegments.Data.Campaigns;

/// <summary>
/// Where in a JSON text a value is, by the path an error names (<c>$.content.title</c>, <c>$.variants[1].weight</c>): the
/// line (from 1) of its property, or of the nearest enclosing one that exists; for text that is not JSON, the line where
/// it stops being JSON. Files and the editor point at the line to fix.
/// </summary>
public static class JsonLines
{
    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string? Property { get; set; }
        public int PropertyLine { get; set; }
    }

    public static int LineOf(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<Frame>();
        var best = 1;
        var (scanned, lines) = (0, 1);
        int? found = null;
        try
        {
            while (reader.Read())
            {
                for (; scanned < reader.TokenStartIndex; scanned++)
                    lines += bytes[scanned] == (byte)'\n' ? 1 : 0;
                var line = lines;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        stack.Peek().Property = reader.GetString();
                        stack.Peek().PropertyLine = line;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                }
                var (here, at) = stack.TryPeek(out var top)
                    ? top.IsArray ? ($"{top.Path}[{top.Index++}]", line) : ($"{top.Path}.{top.Property}", top.PropertyLine)
                    : ("$", line);
                if (here == path)
                    found ??= at;
                else if (found is null && path.StartsWith(here + ".", StringComparison.Ordinal) || path.StartsWith(here + "[", StringComparison.Ordinal))
                    best = at;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    stack.Push(new Frame(here, reader.TokenType == JsonTokenType.StartArray));
            }
        }
        catch (JsonException ex)
        {
            // Text that is not JSON has one problem worth pointing at, whatever path the error named.
            return (int)(ex.LineNumber ?? 0) + 1;
        }
        return found ?? best;
    }
}
