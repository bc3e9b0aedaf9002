using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NopSegments.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventsKeyedByName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_key",
                table: "nopsegments_events");

            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_name",
                table: "nopsegments_events");

            migrationBuilder.AlterColumn<long>(
                name: "id",
                table: "nopsegments_events",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            // No CreateIndex for the new key here: the table rebuild that drops AUTOINCREMENT creates the model's indexes
            // on the new table, and one built on the old table first would be thrown away with it.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_nopsegments_events_key",
                table: "nopsegments_events");

            migrationBuilder.AlterColumn<long>(
                name: "id",
                table: "nopsegments_events",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_key",
                table: "nopsegments_events",
                columns: new[] { "occurred_at", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_name",
                table: "nopsegments_events",
                columns: new[] { "name", "occurred_at" });
        }
    }
}
