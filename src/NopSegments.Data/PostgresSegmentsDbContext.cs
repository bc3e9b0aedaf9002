using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data;

// One subclass per provider, so each keeps its own migrations set under Migrations/.
internal sealed class PostgresSegmentsDbContext(DbContextOptions<PostgresSegmentsDbContext> options) : SegmentsDbContext(options);
