using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NopSegments.Data.Tracking;

namespace NopSegments.Data;

// One subclass per provider, so each keeps its own migrations set under Migrations/.
internal sealed class PostgresSegmentsDbContext(DbContextOptions<PostgresSegmentsDbContext> options) : SegmentsDbContext(options)
{
    /// <summary>
    /// The idempotency key is the primary key, and the row id (which orders events of the same instant) has no index:
    /// nothing looks an event up by it, and its index was a fifth of what each copied event cost the server.
    /// </summary>
    protected override void KeyEvents(EntityTypeBuilder<StoredEvent> e)
    {
        e.HasKey(x => new { x.OccurredAt, x.EventId });
        e.Property(x => x.Id).UseIdentityByDefaultColumn();
    }
}
