using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NopSegments.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileTraits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "traits",
                table: "nopsegments_profiles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "traits",
                table: "nopsegments_profiles");
        }
    }
}
