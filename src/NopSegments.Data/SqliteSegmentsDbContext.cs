using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NopSegments.Data.Profiles;
using NopSegments.Data.Tracking;

namespace NopSegments.Data;

// One subclass per provider, so each keeps its own migrations set under Migrations/.
internal sealed class SqliteSegmentsDbContext(DbContextOptions<SqliteSegmentsDbContext> options) : SegmentsDbContext(options)
{
    /// <summary>
    /// The idempotency key with the name first, as on PostgreSQL: it is also the index of one name's events in a time
    /// window, so the separate name index is gone (one B-tree fewer for every stored event). The row id is SQLite's
    /// rowid without AUTOINCREMENT, which rewrote <c>sqlite_sequence</c> after every insert; a new row still gets a
    /// higher id than every stored one. Together about a seventh of an event's insert here. Events are only ever
    /// inserted by the writer's own statement, never through EF, so EF generates no id.
    /// </summary>
    protected override void KeyEvents(EntityTypeBuilder<StoredEvent> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Name, x.OccurredAt, x.EventId }).IsUnique().HasDatabaseName("ix_nopsegments_events_key");
    }

    /// <summary>
    /// SQLite reads whole rows: a segment on numeric attributes alone scans this narrow copy of them instead (a covering
    /// index, a sixth of the table's size), as fast as a table holding only those columns. It leads with the id, so it
    /// never looks like a way to seek: a condition on anything else still scans the table, in one pass.
    /// </summary>
    protected override void IndexProfiles(EntityTypeBuilder<StoredProfile> e) =>
        e.HasIndex(x => new
        {
            x.Id, x.OrdersCount, x.TotalSpent, x.AverageOrderValue, x.RefundsCount, x.DiscountOrdersCount, x.DiscountOrdersShare,
            x.SessionsCount, x.PageViewsCount, x.CartItemsCount, x.CartValue, x.RfmRecency, x.RfmFrequency, x.RfmMonetary,
        }).HasDatabaseName("ix_nopsegments_profiles_numbers");
}
