using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Data.Profiles;
using NopSegments.Data.Tracking;
using NopSegments.Hosting;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;

namespace NopSegments.Web.Admin;

/// <summary>The admin's profile list and profile page.</summary>
internal static class ProfileEndpoints
{
    private const int TimelineLength = 300;

    public static async Task<Results<RazorComponentResult<ProfilesPage>, RazorComponentResult<NotInstalledPage>>> ListAsync(
        string? q, int? page, string? after, string? notice, ModuleState state, EventQueue queue, ProfileList profiles, IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });
        await queue.FlushAsync(TimeSpan.FromSeconds(5), ct);
        var cursor = PageCursor.Parse(after);
        var pageNumber = cursor is null ? 1 : Math.Max(2, page ?? 2);
        var (rows, total) = await profiles.SearchAsync(q, cursor, ct);
        return new RazorComponentResult<ProfilesPage>(new
        {
            Rows = rows, Total = total, PageNumber = pageNumber,
            Next = rows.Count == ProfileList.PageSize && rows[^1].LastSeenAt is { } last ? new PageCursor(last, rows[^1].Id).ToString() : null, ProfileList.PageSize, Search = q, Notice = notice, paths.AdminPath, paths.AssetsPath,
        });
    }

    public static async Task<Results<RazorComponentResult<ProfilePage>, RazorComponentResult<NotInstalledPage>, NotFound<string>>> ShowAsync(
        long id, string? before, ModuleState state, EventQueue queue, ProfileQueries queries, ProfileList profiles, EventStore events,
        ProfileTraits traits, IServiceProvider services, TimeProvider clock, HttpContext http, IAntiforgery antiforgery,
        IOptions<NopSegmentsOptions> options, CancellationToken ct)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });
        await queue.FlushAsync(TimeSpan.FromSeconds(5), ct);
        var now = clock.GetUtcNow();
        if (await queries.AsOfAsync(id, now, ct) is not { } profile)
            return TypedResults.NotFound($"No profile {id}: it may have been merged into a customer's profile.");
        // Zero-party data comes from the host's directory; a host without one still gets the page.
        var customer = profile.Attributes.CustomerId is { } customerId && services.GetService<ICustomerDirectory>() is { } directory
            ? await directory.FindAsync(customerId, ct) : null;
        var timeline = new EventFilter(null, null, TimelineLength, id, PageCursor.Parse(before));
        var shown = await events.RecentAsync(timeline, ct);
        return new RazorComponentResult<ProfilePage>(new
        {
            Heading = customer is { } c ? $"Customer {c.CustomerId}{(c.Email is null ? "" : $" · {c.Email}")}"
                : profile.Attributes.CustomerId is { } cid ? $"Customer {cid}" : $"Anonymous visitor #{id}",
            ProfileId = id,
            Token = antiforgery.GetAndStoreTokens(http).RequestToken!,
            profile.Attributes,
            profile.Rfm,
            profile.State,
            Customer = customer,
            Traits = await traits.ReadAsync(id, ct),
            Now = now,
            Timeline = shown,
            TimelinePaged = timeline.Before is not null,
            TimelineOlder = shown.Count == TimelineLength ? shown[^1].Cursor.ToString() : null,
            Visitors = await profiles.VisitorsAsync(id, ct),
            Merges = await profiles.MergesAsync(id, ct),
            paths.AdminPath,
            paths.AssetsPath,
        });
    }
}
