using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Misc.NopSegments.Roles;

/// <summary>
/// nopCommerce's schedule task (every five minutes by default) that first lets go of customers nopCommerce deleted in
/// bulk, then mirrors segments into customer roles.
/// </summary>
internal sealed class SegmentRolesTask(SegmentRoles roles, Customers.DeletedCustomers deleted) : IScheduleTask
{
    public const string TypeName = "Nop.Plugin.Misc.NopSegments.Roles.SegmentRolesTask";
    public const string Name = "Segment customer roles (NopSegments)";

    public async Task ExecuteAsync()
    {
        await deleted.ReleaseAsync();
        await roles.SyncAsync();
    }
}
