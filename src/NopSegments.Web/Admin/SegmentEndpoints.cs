using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Language;
using NopSegments.Web.Hosting;

namespace NopSegments.Web.Admin;

/// <summary>The segment list, the editor with preview and explain, and saving and deleting.</summary>
internal static class SegmentEndpoints
{
    private const int ChangesShown = 50;
    private const int MembersShown = 50;
    private const int DaysCharted = 90;

    public static void MapSegmentPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("/segments", ListAsync);
        admin.MapGet("/segments/new", NewAsync);
        admin.MapGet("/segments/{slug}", ShowAsync);
        admin.MapGet("/segments/{slug}/members.csv", SegmentMembersCsv.DownloadAsync);
        // Forms are checked against the antiforgery token here, whether or not the host runs the antiforgery middleware.
        admin.MapPost("/segments", SegmentSubmissions.SubmitAsync).DisableAntiforgery();
        admin.MapPost("/segments/preview", SegmentSubmissions.LivePreviewAsync).DisableAntiforgery();
        admin.MapGet("/segments/preview/{id}", SegmentSubmissions.PendingPreview);
        admin.MapPost("/segments/{slug}/delete", SegmentSubmissions.DeleteAsync).DisableAntiforgery();
    }

    private static async Task<Results<RazorComponentResult<SegmentsPage>, RazorComponentResult<NotInstalledPage>>> ListAsync(
        string? deleted, ModuleState state, SegmentActivity activity, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });
        return new RazorComponentResult<SegmentsPage>(new
        {
            Segments = await activity.SummariesAsync(ct),
            Templates = SegmentTemplates.All,
            Notice = deleted is null ? null : $"Deleted segment '{deleted}'.",
            paths.AdminPath,
            paths.AssetsPath,
        });
    }

    private static Results<RazorComponentResult<SegmentPage>, RazorComponentResult<NotInstalledPage>> NewAsync(
        string? template, HttpContext http, ModuleState state, IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options)
    {
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { options.Value.AdminPath, options.Value.AssetsPath });
        var start = SegmentTemplates.All.FirstOrDefault(t => t.Slug == template) is { } t
            ? new SegmentForm(null, t.Slug, t.Name, t.Description, t.Query) : SegmentForm.Blank;
        return Page(new SegmentView { Form = start, Token = Token(antiforgery, http) }, options.Value);
    }

    private static async Task<Results<RazorComponentResult<SegmentPage>, RazorComponentResult<NotInstalledPage>, NotFound<string>>> ShowAsync(
        string slug, string? saved, string? profile, string? members, string? changes, HttpContext http, ModuleState state,
        SegmentActivity activity, SegmentInsights insights, ProfileQueries profiles, ProfileSnapshots snapshots, TimeProvider clock,
        IAntiforgery antiforgery, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { options.Value.AdminPath, options.Value.AssetsPath });
        var all = await activity.SummariesAsync(ct);
        if (all.SingleOrDefault(s => s.Slug == slug) is not { } segment)
            return TypedResults.NotFound($"No segment '{slug}'.");
        var explained = string.IsNullOrWhiteSpace(profile) ? default
            : await ExplainAsync(profile.Trim(), SegmentQuery.Parse(segment.Query, [.. all.Select(s => s.Slug).Where(s => s != slug)]),
                profiles, snapshots, clock.GetUtcNow(), ct);
        var afterMember = long.TryParse(members, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after)
            ? after : (long?)null;
        // Independent reads, each on its own connection: the page waits for the slowest, not the sum.
        var (days, overlap, outcomes) = (insights.DaysAsync(segment.Id, DaysCharted, clock.GetUtcNow(), ct),
            insights.OverlapAsync(segment.Id, ct), insights.OutcomesAsync(segment.Id, clock.GetUtcNow().AddDays(-DaysCharted), ct));
        var memberPage = await activity.MembersAsync(segment.Id, MembersShown + 1, afterMember, ct);
        var changesFrom = PageCursor.Parse(changes);
        var changePage = await activity.RecentChangesAsync(segment.Id, ChangesShown + 1, changesFrom, ct);
        await Task.WhenAll(days, overlap, outcomes);
        return Page(new SegmentView
        {
            Form = new SegmentForm(segment.Slug, segment.Slug, segment.Name, segment.Description, segment.Query),
            Saved = segment,
            Notice = saved,
            Changes = [.. changePage.Take(ChangesShown)],
            ChangesFrom = changesFrom?.ToString(),
            NextChanges = changePage.Count > ChangesShown ? changePage[ChangesShown - 1].Cursor.ToString() : null,
            Members = [.. memberPage.Take(MembersShown)],
            MembersFrom = afterMember?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NextMembers = memberPage.Count > MembersShown ? memberPage[MembersShown - 1].ProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            Days = await days,
            Overlap = await overlap,
            Outcomes = await outcomes,
            ExplainFor = profile,
            Explanation = explained.Explanation,
            ExplainProblem = explained.Problem,
            Token = Token(antiforgery, http),
        }, options.Value);
    }

    internal static RazorComponentResult<SegmentPage> Page(SegmentView view, NopSegmentsOptions paths, int status = StatusCodes.Status200OK) =>
        new(new { View = view, Templates = SegmentTemplates.All, paths.AdminPath, paths.AssetsPath }) { StatusCode = status };

    internal static string Token(IAntiforgery antiforgery, HttpContext http) => antiforgery.GetAndStoreTokens(http).RequestToken!;

    private static async Task<(ProfileExplanation? Explanation, string? Problem)> ExplainAsync(
        string key, SegmentQuery query, ProfileQueries profiles, ProfileSnapshots snapshots, DateTimeOffset now, CancellationToken ct)
    {
        if (await profiles.FindAsync(key, ct) is not { } id)
            return (null, $"No profile '{key}': use a customer id, a visitor id or a profile number.");
        ProfileSnapshot? snapshot = null;
        await foreach (var read in snapshots.ReadAsync(now, id, ct))
            snapshot = read;
        return snapshot is null ? (null, $"Profile '{key}' has no events yet.")
            : (new ProfileExplanation(key, query.Explain(snapshot), query.NextChange(snapshot)), null);
    }
}
