using System.Text.Json;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Tests;

/// <summary>Stored properties come back as the tracker handed them over, whatever their kind.</summary>
public sealed class StoredPropertiesTests
{
    [Fact]
    public void Each_kind_of_value_reads_back_as_the_language_compares_it()
    {
        var read = StoredEventReader.Properties(
            """{"title":"Zürich \"café\" ✓","price":4.950,"quantity":2,"gift":true,"sale":false,"coupon":null,"tags":["a","b"],"huge":1e400}""");

        Assert.Equal("Zürich \"café\" ✓", read["title"]);
        Assert.Equal(4.950m, read["price"]);
        Assert.Equal("4.950", ((decimal)read["price"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2m, read["quantity"]);
        Assert.Equal((true, false), (read["gift"], read["sale"]));
        Assert.Null(read["coupon"]);
        Assert.Equal(["a", "b"], ((JsonElement)read["tags"]!).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1e400", ((JsonElement)read["huge"]!).GetRawText());
    }

    [Fact]
    public void Stored_text_that_is_not_an_object_is_refused_with_a_reason()
    {
        var error = Assert.Throws<JsonException>(() => StoredEventReader.Properties("[1,2]"));
        Assert.Contains("not a JSON object", error.Message, StringComparison.Ordinal);
    }
}
