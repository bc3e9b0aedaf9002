using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NopSegments.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProfileEventNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_profile",
                table: "nopsegments_events");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_profile",
                table: "nopsegments_events",
                columns: new[] { "profile_id", "name", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_profile",
                table: "nopsegments_events");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_profile",
                table: "nopsegments_events",
                column: "profile_id");
        }
    }
}
