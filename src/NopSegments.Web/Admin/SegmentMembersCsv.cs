using System.Globalization;
using Microsoft.AspNetCore.Http;
using nietras.SeparatedValues;
using NopSegments.Data.Segments;

namespace NopSegments.Web.Admin;

/// <summary>
/// <c>GET …/segments/{slug}/members.csv</c>: every member of a saved segment for a marketing tool or a spreadsheet,
/// streamed a page at a time. A value a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) is
/// written with a leading apostrophe.
/// </summary>
internal static class SegmentMembersCsv
{
    public static async Task<IResult> DownloadAsync(string slug, SegmentMemberExport export, HttpContext http, CancellationToken ct)
    {
        if (await export.SegmentIdAsync(slug, ct) is not { } segmentId)
            return TypedResults.NotFound($"No segment '{slug}'.");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-members.csv\"";
        var header = true;
        await foreach (var page in export.PagesAsync(segmentId, ct))
        {
            await http.Response.WriteAsync(Write(page, header), ct);
            header = false;
        }
        if (header)
            await http.Response.WriteAsync(Write([], header: true), ct);
        return TypedResults.Empty;
    }

    // Kestrel refuses synchronous writes: each page is written to a string, which goes out asynchronously.
    private static string Write(IReadOnlyList<SegmentMemberExportRow> page, bool header)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = Sep.New(',').Writer(o => o with { WriteHeader = header }).To(text))
        {
            if (page.Count == 0)
                csv.Header.Add(["profile_id", "customer_id", "member_since", "orders_count", "total_spent", "last_seen_at"]);
            foreach (var member in page)
            {
                using var row = csv.NewRow();
                row["profile_id"].Format(member.ProfileId);
                row["customer_id"].Set(Safe(member.CustomerId));
                row["member_since"].Set(member.Since.ToString("O", CultureInfo.InvariantCulture));
                row["orders_count"].Format(member.OrdersCount);
                row["total_spent"].Set(member.TotalSpent.ToString("0.##", CultureInfo.InvariantCulture));
                row["last_seen_at"].Set(member.LastSeenAt?.ToString("O", CultureInfo.InvariantCulture) ?? "");
            }
        }
        return text.ToString();
    }

    private static string Safe(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value ?? "";
}
