using Microsoft.EntityFrameworkCore;

namespace NopSegments.Data;

// One subclass per provider, so each keeps its own migrations set (Migrations/<Provider>).
internal sealed class SqliteSegmentsDbContext(DbContextOptions<SqliteSegmentsDbContext> options) : SegmentsDbContext(options);

internal sealed class PostgresSegmentsDbContext(DbContextOptions<PostgresSegmentsDbContext> options) : SegmentsDbContext(options);

internal sealed class SqlServerSegmentsDbContext(DbContextOptions<SqlServerSegmentsDbContext> options) : SegmentsDbContext(options);
