using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NopSegments.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nopsegments_campaigns",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    @event = table.Column<string>(name: "event", type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_dead_letters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_events",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'', '1024', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    session_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    properties = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sku = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    discount_code = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_events", x => new { x.name, x.occurred_at, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_flow_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    flow = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_step = table.Column<int>(type: "integer", nullable: false),
                    next_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    exit_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    exited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    context = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_flow_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_flow_sends",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    send_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    flow = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    converted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_flow_sends", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_identities",
                columns: table => new
                {
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_identities", x => x.visitor_id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_offer_serves",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    campaign = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    variant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    slot = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    session_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    served_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    viewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    discount_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_offer_serves", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_profile_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_profile_id = table.Column<long>(type: "bigint", nullable: false),
                    into_profile_id = table.Column<long>(type: "bigint", nullable: false),
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    merged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_profile_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_profile_states",
                columns: table => new
                {
                    profile_id = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_profile_states", x => x.profile_id);
                });

            migrationBuilder.CreateTable(
                name: "nopsegments_profiles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    orders_count = table.Column<int>(type: "integer", nullable: false),
                    total_spent = table.Column<double>(type: "double precision", nullable: false),
                    average_order_value = table.Column<double>(type: "double precision", nullable: true),
                    first_order_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_order_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    refunds_count = table.Column<int>(type: "integer", nullable: false),
                    discount_orders_count = table.Column<int>(type: "integer", nullable: false),
                    discount_orders_share = table.Column<double>(type: "double precision", nullable: true),
                    sessions_count = table.Column<int>(type: "integer", nullable: false),
                    page_views_count = table.Column<int>(type: "integer", nullable: false),
                    first_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    first_source = table.Column<string>(type: "text", nullable: true),
                    last_source = table.Column<string>(type: "text", nullable: true),
                    device = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    cart_items_count = table.Column<int>(type: "integer", nullable: false),
                    cart_value = table.Column<double>(type: "double precision", nullable: false),
                    last_added_to_cart_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    rfm_recency = table.Column<int>(type: "integer", nullable: true),
                    rfm_frequency = table.Column<int>(type: "integer", nullable: true),
                    rfm_monetary = table.Column<int>(type: "integer", nullable: true),
                    traits = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_profiles", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "nopsegments_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nopsegments_settings", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_campaigns_slug",
                table: "nopsegments_campaigns",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_dead_letters_customer",
                table: "nopsegments_dead_letters",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_dead_letters_event",
                table: "nopsegments_dead_letters",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_dead_letters_visitor",
                table: "nopsegments_dead_letters",
                column: "visitor_id");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_category",
                table: "nopsegments_events",
                columns: new[] { "name", "category", "occurred_at", "profile_id" },
                filter: "category IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_discount_code",
                table: "nopsegments_events",
                columns: new[] { "name", "discount_code", "occurred_at", "profile_id" },
                filter: "discount_code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_events_profile",
                table: "nopsegments_events",
                columns: new[] { "profile_id", "name", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_flow_entries_due",
                table: "nopsegments_flow_entries",
                columns: new[] { "status", "next_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_flow_entries_once",
                table: "nopsegments_flow_entries",
                columns: new[] { "profile_id", "flow", "entered_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_flow_sends_flow",
                table: "nopsegments_flow_sends",
                columns: new[] { "flow", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_flow_sends_key",
                table: "nopsegments_flow_sends",
                column: "send_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_flow_sends_profile",
                table: "nopsegments_flow_sends",
                columns: new[] { "profile_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_identities_profile",
                table: "nopsegments_identities",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_offer_serves_campaign",
                table: "nopsegments_offer_serves",
                columns: new[] { "campaign", "viewed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_offer_serves_token",
                table: "nopsegments_offer_serves",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_offer_serves_visitor",
                table: "nopsegments_offer_serves",
                columns: new[] { "visitor_id", "campaign" });

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_profiles_customer",
                table: "nopsegments_profiles",
                column: "customer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_profiles_last_seen",
                table: "nopsegments_profiles",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_nopsegments_profiles_updated",
                table: "nopsegments_profiles",
                column: "updated_at");

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
                columns: new[] { "segment_id", "at", "id" });

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
                name: "nopsegments_campaigns");

            migrationBuilder.DropTable(
                name: "nopsegments_dead_letters");

            migrationBuilder.DropTable(
                name: "nopsegments_events");

            migrationBuilder.DropTable(
                name: "nopsegments_flow_entries");

            migrationBuilder.DropTable(
                name: "nopsegments_flow_sends");

            migrationBuilder.DropTable(
                name: "nopsegments_identities");

            migrationBuilder.DropTable(
                name: "nopsegments_offer_serves");

            migrationBuilder.DropTable(
                name: "nopsegments_profile_merges");

            migrationBuilder.DropTable(
                name: "nopsegments_profile_states");

            migrationBuilder.DropTable(
                name: "nopsegments_profiles");

            migrationBuilder.DropTable(
                name: "nopsegments_segment_checks");

            migrationBuilder.DropTable(
                name: "nopsegments_segment_members");

            migrationBuilder.DropTable(
                name: "nopsegments_segment_transitions");

            migrationBuilder.DropTable(
                name: "nopsegments_segments");

            migrationBuilder.DropTable(
                name: "nopsegments_settings");
        }
    }
}
