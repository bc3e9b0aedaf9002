namespace NopSegments.Language.Tests;

/// <summary>
/// Golden cases, one per line: <c>input ⇶ expected</c>. Lines starting with <c>#</c> and blank lines are skipped.
/// The file name says what the expected side is (canonical text, error message, member keys).
/// </summary>
internal static class CaseFile
{
    public const string Arrow = "⇶";

    public static TheoryData<string, string> Read(string name)
    {
        var cases = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", name)))
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                continue;
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            if (arrow < 0)
                throw new InvalidOperationException($"{name}: no {Arrow} in '{line}'");
            cases.Add(line[..arrow].Trim(), line[(arrow + Arrow.Length)..].Trim());
        }
        return cases;
    }
}
