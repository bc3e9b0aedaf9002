using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NopSegments.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventsKeyedByName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_nopsegments_events",
                table: "nopsegments_events");

            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_name",
                table: "nopsegments_events");

            migrationBuilder.AddPrimaryKey(
                name: "PK_nopsegments_events",
                table: "nopsegments_events",
                columns: new[] { "name", "occurred_at", "event_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_nopsegments_events",
                table: "nopsegments_events");

            migrationBuilder.AddPrimaryKey(
                name: "PK_nopsegments_events",
                table: "nopsegments_events",
                columns: new[] { "occurred_at", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_name",
                table: "nopsegments_events",
                columns: new[] { "name", "occurred_at" });
        }
    }
}
