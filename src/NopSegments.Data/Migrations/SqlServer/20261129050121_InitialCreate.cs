using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NopSegments.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nopsegments_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    event_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    visitor_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    session_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    occurred_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    properties = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_settings", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_event_id",
                table: "nopsegments_events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_occurred_at",
                table: "nopsegments_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_visitor",
                table: "nopsegments_events",
                columns: new[] { "visitor_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nopsegments_events");

            migrationBuilder.DropTable(
                name: "nopsegments_settings");
        }
    }
}
