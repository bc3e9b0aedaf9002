using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NopSegments.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SavedSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nopsegments_segment_checks",
                columns: table => new
                {
                    segment_id = table.Column<long>(type: "bigint", nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_segment_checks", x => new { x.segment_id, x.profile_id });
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_segment_members",
                columns: table => new
                {
                    segment_id = table.Column<long>(type: "bigint", nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_segment_members", x => new { x.segment_id, x.profile_id });
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_segment_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    segment_id = table.Column<long>(type: "bigint", nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_segment_transitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_segments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    query = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    materialized_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_segments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segment_checks_due",
                table: "nopsegments_segment_checks",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segment_checks_profile",
                table: "nopsegments_segment_checks",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segment_members_profile",
                table: "nopsegments_segment_members",
                columns: new[] { "profile_id", "segment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segment_transitions_profile",
                table: "nopsegments_segment_transitions",
                columns: new[] { "profile_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segment_transitions_segment",
                table: "nopsegments_segment_transitions",
                columns: new[] { "segment_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_segments_slug",
                table: "nopsegments_segments",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nopsegments_segment_checks");

            migrationBuilder.DropTable(
                name: "nopsegments_segment_members");

            migrationBuilder.DropTable(
                name: "nopsegments_segment_transitions");

            migrationBuilder.DropTable(
                name: "nopsegments_segments");
        }
    }
}
