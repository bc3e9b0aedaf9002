using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Language.Outline;

namespace NopSegments.Web.Admin;

/// <summary>What the query editor and the visual builder ask the store: words to complete, and a query's outline.</summary>
internal static class SegmentEditorEndpoints
{
    internal sealed record OutlineRequest(string? Query);

    internal sealed record Vocabulary(
        IReadOnlyList<VocabularyWord> Attributes, IReadOnlyList<VocabularyEvent> Events, IReadOnlyList<string> Keywords,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyList<string> Segments);

    public static void MapSegmentEditor(this RouteGroupBuilder admin)
    {
        admin.MapGet("/segments/vocabulary", VocabularyAsync);
        // Reads only: nothing to forge, so no antiforgery token.
        admin.MapPost("/segments/outline", Outline).DisableAntiforgery();
    }

    private static async Task<Ok<Vocabulary>> VocabularyAsync(StoreValues values, SegmentActivity activity, CancellationToken ct) =>
        TypedResults.Ok(new Vocabulary(
            QueryVocabulary.Attributes, QueryVocabulary.Events, QueryVocabulary.Keywords,
            (await values.ReadAsync(ct)).Values,
            [.. (await activity.SummariesAsync(ct)).Select(s => s.Slug)]));

    private static Results<Ok<OutlineResult>, BadRequest<QueryProblem>> Outline(OutlineRequest request)
    {
        var query = request.Query ?? "";
        if (SegmentSubmissions.Oversized(query) is { } oversized)
            return TypedResults.BadRequest(oversized);
        try
        {
            return TypedResults.Ok(QueryOutline.Parse(query));
        }
        catch (SegmentQueryException error)
        {
            return TypedResults.BadRequest(QueryProblem.From(error));
        }
    }
}
