using nietras.SeparatedValues;

namespace NopSegments.Cli.Import;

/// <summary>
/// Complete Journey demographics.csv: zero-party attributes per household (age range, income, home ownership,
/// marital status, household size and composition, kids). Named as the profile shows them.
/// </summary>
internal static class DemographicsReader
{
    private static readonly (string Column, string Trait)[] Columns =
    [
        ("age", "age_range"), ("income", "income"), ("home_ownership", "home_ownership"), ("marital_status", "marital_status"),
        ("household_size", "household_size"), ("household_comp", "household_comp"), ("kids_count", "kids_count"),
    ];

    public static Dictionary<string, Dictionary<string, string>> Read(string path)
    {
        var traits = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        using var reader = Sep.Reader(o => o with { Unescape = true }).From(OnlineRetailImporter.Decompressed(path));
        foreach (var row in reader)
        {
            var household = row["household_id"].ToString();
            if (household.Length == 0)
                continue;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, trait) in Columns)
            {
                var value = row[column].ToString().Trim();
                if (value.Length > 0)
                    values[trait] = value;
            }
            traits[household] = values;
        }
        return traits;
    }
}
