using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Misc.NopSegments.Roles;

/// <summary>nopCommerce's schedule task that mirrors segments into customer roles (every five minutes by default).</summary>
internal sealed class SegmentRolesTask(SegmentRoles roles) : IScheduleTask
{
    public const string TypeName = "Nop.Plugin.Misc.NopSegments.Roles.SegmentRolesTask";
    public const string Name = "Segment customer roles (NopSegments)";

    public Task ExecuteAsync() => roles.SyncAsync();
}
