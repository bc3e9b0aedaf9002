using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>
/// The segment editor's posts: preview (the form's button, or live as the merchandiser types), save and delete.
/// Every refusal re-renders the form with what was typed and says what is wrong and where.
/// </summary>
internal static class SegmentSubmissions
{
    internal const int MaxQueryLength = 4_000;

    /// <summary>The live preview's body: the query typed so far and the segment it would replace.</summary>
    internal sealed record LivePreviewRequest(string? Query, string? Slug);

    public static async Task<Results<RazorComponentResult<SegmentPage>, RedirectHttpResult, BadRequest<string>>> SubmitAsync(
        HttpContext http, SavedSegments segments, SegmentActivity activity, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        var form = await http.Request.ReadFormAsync(ct);
        var typed = new SegmentForm(Text(form["original"]), Text(form["slug"]) ?? "", Text(form["name"]) ?? "",
            Text(form["description"]), form["query"].ToString());
        var saved = typed.Original is { } original ? (await activity.SummariesAsync(ct)).SingleOrDefault(s => s.Slug == original) : null;
        SegmentView View(QueryProblem? problem = null, SegmentPreview? preview = null) => new()
        {
            Form = typed, Saved = saved, Problem = problem, Preview = preview, Token = SegmentEndpoints.Token(antiforgery, http),
        };

        if (typed.Query.Length > MaxQueryLength)
            return SegmentEndpoints.Page(View(new QueryProblem($"The query is {typed.Query.Length:N0} characters; the limit is {MaxQueryLength:N0}.")),
                options.Value, StatusCodes.Status400BadRequest);
        if (typed.Original is not null && typed.Original != typed.Slug)
            return SegmentEndpoints.Page(View(new QueryProblem($"A saved segment keeps its slug '{typed.Original}': save a new segment and delete this one to rename it.")),
                options.Value, StatusCodes.Status400BadRequest);
        try
        {
            if (form["action"] == "save")
            {
                var result = await segments.SaveAsync(new SegmentDraft(typed.Slug, typed.Name, typed.Description, typed.Query), ct);
                var notice = $"Saved version {result.Version}: {result.Members:N0} members, {result.Entered:N0} entered and {result.Left:N0} left.";
                return TypedResults.Redirect($"{options.Value.AdminPath}/segments/{result.Slug}?saved={Uri.EscapeDataString(notice)}");
            }
            return await PreviewWithinLimitAsync(segments, typed.Query, typed.Original, options.Value.PreviewTimeLimit, ct) is { } preview
                ? SegmentEndpoints.Page(View(preview: preview), options.Value)
                : SegmentEndpoints.Page(View(new QueryProblem(TooLong)), options.Value, StatusCodes.Status503ServiceUnavailable);
        }
        catch (SegmentQueryException error)
        {
            return SegmentEndpoints.Page(View(QueryProblem.From(error)), options.Value, StatusCodes.Status400BadRequest);
        }
        catch (SegmentDefinitionException error)
        {
            return SegmentEndpoints.Page(View(new QueryProblem(error.Message)), options.Value, StatusCodes.Status400BadRequest);
        }
    }

    public static async Task<Results<Ok<SegmentPreview>, BadRequest<QueryProblem>, JsonHttpResult<QueryProblem>>> LivePreviewAsync(
        LivePreviewRequest request, HttpContext http, SavedSegments segments, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(new QueryProblem("The page has expired: reload it to preview again."));
        var query = request.Query ?? "";
        if (query.Length > MaxQueryLength)
            return TypedResults.BadRequest(new QueryProblem($"The query is {query.Length:N0} characters; the limit is {MaxQueryLength:N0}."));
        try
        {
            // The browser cancels the request when a newer keystroke comes (ct), and no preview runs longer than the limit.
            return await PreviewWithinLimitAsync(segments, query, Text(request.Slug), options.Value.PreviewTimeLimit, ct) is { } preview
                ? TypedResults.Ok(preview)
                : TypedResults.Json(new QueryProblem(TooLong), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (SegmentQueryException error)
        {
            return TypedResults.BadRequest(QueryProblem.From(error));
        }
    }

    public static async Task<Results<RedirectHttpResult, RazorComponentResult<SegmentPage>, BadRequest<string>>> DeleteAsync(
        string slug, HttpContext http, SavedSegments segments, SegmentActivity activity, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(AdminForms.Expired);
        try
        {
            await segments.DeleteAsync(slug, ct);
            return TypedResults.Redirect($"{options.Value.AdminPath}/segments?deleted={Uri.EscapeDataString(slug)}");
        }
        catch (SegmentDefinitionException error)
        {
            var saved = (await activity.SummariesAsync(ct)).SingleOrDefault(s => s.Slug == slug);
            var form = saved is null ? SegmentForm.Blank with { Slug = slug } : new SegmentForm(slug, slug, saved.Name, saved.Description, saved.Query);
            return SegmentEndpoints.Page(new SegmentView
            {
                Form = form, Saved = saved, Problem = new QueryProblem(error.Message), Token = SegmentEndpoints.Token(antiforgery, http),
            }, options.Value, StatusCodes.Status400BadRequest);
        }
    }

    private const string TooLong = "The preview took too long. Save the segment to evaluate it in the background; its page shows the members when done.";

    /// <summary>The preview, or null when it did not finish within the limit (the query is cancelled where the database can).</summary>
    private static async Task<SegmentPreview?> PreviewWithinLimitAsync(SavedSegments segments, string query, string? slug, TimeSpan limit, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // CancelAfter(0) still cancels on the timer thread, after a fast preview may have finished: no time is no time.
        if (limit <= TimeSpan.Zero)
            timeout.Cancel();
        else
            timeout.CancelAfter(limit);
        try
        {
            var preview = await segments.PreviewAsync(query, slug, timeout.Token).WaitAsync(timeout.Token);
            // One that ran past the limit as it finished is past it all the same: the answer does not depend on which came first.
            return timeout.IsCancellationRequested && !ct.IsCancellationRequested ? null : preview;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
