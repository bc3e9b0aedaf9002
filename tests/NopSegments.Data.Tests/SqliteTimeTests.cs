using System.Text;
using Microsoft.Data.Sqlite;
using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Tests;

public sealed class SqliteTimeTests
{
    [Fact]
    public void The_writer_stores_a_time_as_Microsoft_Data_Sqlite_does()
    {
        // EF Core finds and compares the writer's rows by these texts, so they must be byte for byte what the driver writes.
        var random = new Random(20261129);
        var times = new List<DateTime>
        {
            new(2026, 11, 29, 12, 0, 0), new(2026, 11, 29, 12, 0, 0, 120), new(1, 1, 1), DateTime.MaxValue,
            new DateTime(2011, 6, 1, 23, 59, 59).AddTicks(1), new DateTime(2011, 6, 1).AddTicks(1_000_000),
        };
        times.AddRange(Enumerable.Range(0, 2_000).Select(_ => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks))));
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT @t";
        var parameter = select.Parameters.Add("@t", SqliteType.Text);
        Span<byte> utf8 = stackalloc byte[SqliteTime.MaxLength];

        foreach (var time in times)
        {
            parameter.Value = time;
            Assert.Equal((string)select.ExecuteScalar()!, Encoding.UTF8.GetString(utf8[..SqliteTime.Write(time, utf8)]));
        }
    }
}
