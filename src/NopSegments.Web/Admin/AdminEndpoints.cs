using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NopSegments.Data;
using NopSegments.Data.Tracking;
using NopSegments.Tracking;
using NopSegments.Web.Hosting;
using NopSegments.Web.Tracking;

namespace NopSegments.Web.Admin;

/// <summary>The module's admin pages, behind the host's admin authorization.</summary>
internal static class AdminEndpoints
{
    private static readonly string[] KnownEvents = [.. EventCatalog.Events.Keys.Order(StringComparer.Ordinal)];

    public static void MapAdminPages(this IEndpointRouteBuilder endpoints, NopSegmentsOptions options)
    {
        var admin = endpoints.MapGroup(options.AdminPath).AddEndpointFilter<AdminOnlyFilter>().AddEndpointFilter(InHostLayout.FilterAsync)
            .ExcludeFromDescription();
        admin.MapGet("/events", EventsAsync);
        admin.MapGet("/flows", FlowEndpoints.ShowAsync);
        admin.MapPost("/flows", FlowEndpoints.SaveAsync);
        admin.MapPost("/flows/new", FlowEndpoints.CreateAsync);
        admin.MapGet("/flows/{key}", FlowPageEndpoints.ShowAsync);
        admin.MapPost("/flows/{key}", FlowPageEndpoints.SaveAsync);
        admin.MapPost("/flows/{key}/delete", FlowPageEndpoints.DeleteAsync);
        admin.MapPost("/flows/{key}/preview", FlowPreviewEndpoints.PreviewAsync);
        admin.MapGet("/dead-letters", DeadLetterEndpoints.ListAsync);
        admin.MapPost("/dead-letters", DeadLetterEndpoints.ActAsync);
        admin.MapGet("/profiles", ProfileEndpoints.ListAsync);
        admin.MapGet("/profiles/{id:long}", ProfileEndpoints.ShowAsync);
        admin.MapGet("/profiles/{id:long}/export", PersonalDataEndpoints.ExportAsync);
        admin.MapPost("/profiles/{id:long}/erase", PersonalDataEndpoints.EraseAsync);
        admin.MapSegmentPages();
        admin.MapSegmentEditor();
        admin.MapCampaignPages();
    }

    private static async Task<Results<RazorComponentResult<EventsPage>, RazorComponentResult<NotInstalledPage>>> EventsAsync(
        string? visitor, string? name, string? before, ModuleState state, EventQueue queue, EventStore store, DeadLetters deadLetters, WriterStatus writer,
        IOptions<NopSegmentsOptions> options, CancellationToken cancellationToken)
    {
        var paths = options.Value;
        if (!state.IsInstalled)
            return new RazorComponentResult<NotInstalledPage>(new { paths.AdminPath, paths.AssetsPath });

        // The admin expects to see what they just did in the store, so pending events are written first.
        await queue.FlushAsync(TimeSpan.FromSeconds(5), cancellationToken);
        var filter = new EventFilter(visitor?.Trim(), name?.Trim(), Before: PageCursor.Parse(before));
        var events = await store.RecentAsync(filter, cancellationToken);
        return new RazorComponentResult<EventsPage>(new
        {
            Events = events,
            EventNames = KnownEvents,
            Health = new PipelineHealth(queue.Waiting, queue.Shed.Browsing, queue.Shed.Store, writer.Failing, await deadLetters.CountAsync(cancellationToken)),
            Visitor = visitor,
            Name = name,
            Older = events.Count == filter.Limit ? events[^1].Cursor.ToString() : null,
            Paged = filter.Before is not null,
            paths.AdminPath,
            paths.AssetsPath,
        });
    }
}
