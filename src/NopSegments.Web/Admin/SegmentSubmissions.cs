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
    private const int MaxQueryLength = 4_000;

    /// <summary>The problem with a query too long to read (the form, the live preview and the outline all refuse it), or null.</summary>
    internal static QueryProblem? Oversized(string query) =>
        query.Length > MaxQueryLength ? new QueryProblem($"The query is {query.Length:N0} characters; the limit is {MaxQueryLength:N0}.") : null;

    /// <summary>The live preview's body: the query typed so far and the segment it would replace.</summary>
    internal sealed record LivePreviewRequest(string? Query, string? Slug);

    public static async Task<Results<RazorComponentResult<SegmentPage>, RedirectHttpResult, BadRequest<string>>> SubmitAsync(
        HttpContext http, SavedSegments segments, PreviewRuns runs, SegmentActivity activity, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
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

        if (Oversized(typed.Query) is { } oversized)
            return SegmentEndpoints.Page(View(oversized), options.Value, StatusCodes.Status400BadRequest);
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
            return await runs.WithinLimitAsync(typed.Query, typed.Original, ct) is { } preview
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

    /// <summary>A live preview still counting: ask again at <c>preview/{Pending}</c>.</summary>
    internal sealed record PreviewPending(string Pending, string Message);

    public static async Task<Results<Ok<SegmentPreview>, BadRequest<QueryProblem>, JsonHttpResult<QueryProblem>, JsonHttpResult<PreviewPending>, NotFound<QueryProblem>>> LivePreviewAsync(
        LivePreviewRequest request, HttpContext http, PreviewRuns runs, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options,
        CancellationToken ct)
    {
        if (!await AdminForms.IsGenuineAsync(antiforgery, http))
            return TypedResults.BadRequest(new QueryProblem("The page has expired: reload it to preview again."));
        var query = request.Query ?? "";
        if (Oversized(query) is { } oversized)
            return TypedResults.BadRequest(oversized);
        var (id, run) = runs.Start(query, Text(request.Slug));
        try
        {
            await run.Preview.WaitAsync(options.Value.PreviewAnswerTime, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer keystroke's preview replaced this one before it answered: the store stops evaluating it.
            runs.Abandon(id);
            throw;
        }
        catch (Exception waited) when (waited is TimeoutException || run.Preview.IsCompleted)
        {
            // Timed out (the run goes on), or the run ended badly: the answer below says which.
        }
        return Answer(id, run, runs);
    }

    /// <summary>The editor asks again for a preview that was still counting.</summary>
    public static Results<Ok<SegmentPreview>, BadRequest<QueryProblem>, JsonHttpResult<QueryProblem>, JsonHttpResult<PreviewPending>, NotFound<QueryProblem>> PendingPreview(string id, PreviewRuns runs) =>
        runs.Find(id) is { } run ? Answer(id, run, runs)
            : TypedResults.NotFound(new QueryProblem("This preview is no longer kept: edit the query to count again."));

    private static Results<Ok<SegmentPreview>, BadRequest<QueryProblem>, JsonHttpResult<QueryProblem>, JsonHttpResult<PreviewPending>, NotFound<QueryProblem>> Answer(
        string id, PreviewRuns.Run run, PreviewRuns runs)
    {
        if (!run.Preview.IsCompleted)
            return TypedResults.Json(new PreviewPending(id, "Still counting: this query takes longer than a second here. The count appears when it is done."),
                statusCode: StatusCodes.Status202Accepted);
        runs.Forget(id);
        if (run.Preview.IsCompletedSuccessfully && !run.Stop.IsCancellationRequested)
            return TypedResults.Ok(run.Preview.Result);
        if (run.Preview.Exception?.InnerException is SegmentQueryException error)
            return TypedResults.BadRequest(QueryProblem.From(error));
        if (run.Preview.IsCanceled || run.Stop.IsCancellationRequested || run.Preview.Exception?.InnerException is OperationCanceledException)
            return TypedResults.Json(new QueryProblem(TooLong), statusCode: StatusCodes.Status503ServiceUnavailable);
        throw new InvalidOperationException("The preview failed.", run.Preview.Exception);
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

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
