using System.Text.RegularExpressions;

namespace NopSegments.Language.Tests;

/// <summary>docs/segment-language.md cannot drift: its examples must bind, and its error table must be what users get.</summary>
public sealed partial class ReferenceDocTests
{
    private static readonly string[] Doc = File.ReadAllLines(Find("docs/segment-language.md"));

    [Fact]
    public void Every_example_in_the_reference_is_a_valid_query()
    {
        var examples = Doc.Where(l => l.StartsWith('|') && !l.StartsWith("| query", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Select(cell => FirstCode().Match(cell))
            .Where(m => m.Success && (m.Groups[1].Value.Contains('(', StringComparison.Ordinal) || m.Groups[1].Value.Contains(' ', StringComparison.Ordinal)))
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.True(examples.Count >= 40, $"only {examples.Count} examples found");
        foreach (var example in examples)
            SegmentQuery.Parse(example, ["vip", "lapsed"]);
    }

    [Fact]
    public void The_error_table_shows_the_errors_users_get()
    {
        var rows = Doc.SkipWhile(l => l != "## Errors").TakeWhile(l => l != "## How a query is evaluated")
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split(" | "))
            .ToList();

        Assert.True(rows.Count >= 10);
        foreach (var row in rows)
        {
            var query = row[0].TrimStart('|', ' ').Trim('`');
            var error = Assert.Throws<SegmentQueryException>(() => SegmentQuery.Parse(query, ["vip"]));
            Assert.Equal(row[1].TrimEnd('|', ' '), error.Message);
        }
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
                return Path.Combine(dir.FullName, relative);
        }
        throw new FileNotFoundException(relative);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex FirstCode();
}
