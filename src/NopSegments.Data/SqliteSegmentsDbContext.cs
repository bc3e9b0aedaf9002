using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
}
