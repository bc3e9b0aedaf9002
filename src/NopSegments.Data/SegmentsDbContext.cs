using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NopSegments.Data.Flows;
using NopSegments.Data.Profiles;
using NopSegments.Data.Segments;
using NopSegments.Data.Settings;
using NopSegments.Data.Tracking;

namespace NopSegments.Data;

/// <summary>
/// The module's own tables, all under the <c>nopsegments_</c> prefix. One subclass per provider
/// carries that provider's migrations.
/// </summary>
internal abstract class SegmentsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string TablePrefix = "nopsegments_";
    public const string MigrationsHistoryTable = TablePrefix + "migrations";

    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<ModuleSetting> Settings => Set<ModuleSetting>();
    public DbSet<StoredProfile> Profiles => Set<StoredProfile>();
    public DbSet<StoredProfileState> ProfileStates => Set<StoredProfileState>();
    public DbSet<StoredIdentity> Identities => Set<StoredIdentity>();
    public DbSet<ProfileMerge> ProfileMerges => Set<ProfileMerge>();
    public DbSet<SavedSegment> Segments => Set<SavedSegment>();
    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();
    public DbSet<SegmentCheck> SegmentChecks => Set<SegmentCheck>();
    public DbSet<SegmentTransition> SegmentTransitions => Set<SegmentTransition>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<FlowEntry> FlowEntries => Set<FlowEntry>();
    public DbSet<FlowSend> FlowSends => Set<FlowSend>();

    /// <summary>
    /// The events' key (SQL Server's; SQLite and PostgreSQL put the name first): a row id, and the idempotency key with
    /// time first — a retry carries the same time, and inserts land at the end of the index instead of at random places
    /// (62k rows/s instead of 37k on SQLite here); it also serves time scans. Events of one name in a time window (what
    /// set-based counts read) have their own index.
    /// </summary>
    protected virtual void KeyEvents(EntityTypeBuilder<StoredEvent> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.OccurredAt, x.EventId }).IsUnique().HasDatabaseName("ix_nopsegments_events_key");
        e.HasIndex(x => new { x.Name, x.OccurredAt }).HasDatabaseName("ix_nopsegments_events_name");
    }

    /// <summary>Indexes a provider adds to profiles beyond the common ones; none on PostgreSQL and SQL Server.</summary>
    protected virtual void IndexProfiles(EntityTypeBuilder<StoredProfile> e)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable(TablePrefix + "events");
            KeyEvents(e);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(64);
            e.Property(x => x.VisitorId).HasColumnName("visitor_id").HasMaxLength(64);
            e.Property(x => x.CustomerId).HasColumnName("customer_id").HasMaxLength(64);
            e.Property(x => x.SessionId).HasColumnName("session_id").HasMaxLength(64);
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.Properties).HasColumnName("properties");
            e.Property(x => x.Category).HasColumnName("category").HasMaxLength(Ingestion.EventRow.PropertyColumnLength);
            e.Property(x => x.Sku).HasColumnName("sku").HasMaxLength(Ingestion.EventRow.PropertyColumnLength);
            e.Property(x => x.DiscountCode).HasColumnName("discount_code").HasMaxLength(Ingestion.EventRow.PropertyColumnLength);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(Ingestion.EventRow.PropertyColumnLength);
            // "Viewed Candles within 30 days": one range of this index per name and category, with the profile in it.
            // Only events with a category are in it: page views, sessions and the like cost the writer nothing here.
            e.HasIndex(x => new { x.Name, x.Category, x.OccurredAt, x.ProfileId }).HasDatabaseName("ix_nopsegments_events_category")
                .HasFilter("category IS NOT NULL");
            // Orders with a code are few: "used WELCOME10" reads them through this index for next to nothing at insert.
            // The sku and the source ride on nearly every product event and page view: their columns are read in the
            // name's time range, with no index (one on the sku cost the writer a third of its speed, docs/benchmarks.md).
            e.HasIndex(x => new { x.Name, x.DiscountCode, x.OccurredAt, x.ProfileId }).HasDatabaseName("ix_nopsegments_events_discount_code")
                .HasFilter("discount_code IS NOT NULL");
            // A profile's events of one name in time order: what per-event membership reads. Its entries land at random
            // places, which makes it the dearest index to insert into, but it turns a heavy customer's thousands of
            // events into the few the segments count.
            e.HasIndex(x => new { x.ProfileId, x.Name, x.OccurredAt }).HasDatabaseName("ix_nopsegments_events_profile");
        });
        modelBuilder.Entity<StoredProfile>(e =>
        {
            e.ToTable(TablePrefix + "profiles");
            e.HasIndex(x => x.CustomerId).IsUnique().HasDatabaseName("ix_nopsegments_profiles_customer");
            e.HasIndex(x => x.LastSeenAt).HasDatabaseName("ix_nopsegments_profiles_last_seen");
            // The flows look at the customers whose profile changed since their last run.
            e.HasIndex(x => x.UpdatedAt).HasDatabaseName("ix_nopsegments_profiles_updated");
            IndexProfiles(e);
        });
        modelBuilder.Entity<StoredProfileState>(e =>
        {
            e.ToTable(TablePrefix + "profile_states");
            e.HasKey(x => x.ProfileId);
            e.Property(x => x.ProfileId).ValueGeneratedNever();
        });
        modelBuilder.Entity<StoredIdentity>(e =>
        {
            e.ToTable(TablePrefix + "identities");
            e.HasKey(x => x.VisitorId);
            e.Property(x => x.VisitorId).HasMaxLength(64);
            e.HasIndex(x => x.ProfileId).HasDatabaseName("ix_nopsegments_identities_profile");
        });
        modelBuilder.Entity<ProfileMerge>(e =>
        {
            e.ToTable(TablePrefix + "profile_merges");
            e.Property(x => x.VisitorId).HasMaxLength(64);
            e.Property(x => x.CustomerId).HasMaxLength(64);
        });
        modelBuilder.Entity<SavedSegment>(e =>
        {
            e.ToTable(TablePrefix + "segments");
            e.Property(x => x.Slug).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.HasIndex(x => x.Slug).IsUnique().HasDatabaseName("ix_nopsegments_segments_slug");
        });
        modelBuilder.Entity<SegmentMember>(e =>
        {
            e.ToTable(TablePrefix + "segment_members");
            e.HasKey(x => new { x.SegmentId, x.ProfileId });
            // in_segment(…) and "which segments is this profile in" read by profile.
            e.HasIndex(x => new { x.ProfileId, x.SegmentId }).HasDatabaseName("ix_nopsegments_segment_members_profile");
        });
        modelBuilder.Entity<SegmentCheck>(e =>
        {
            e.ToTable(TablePrefix + "segment_checks");
            e.HasKey(x => new { x.SegmentId, x.ProfileId });
            e.HasIndex(x => x.DueAt).HasDatabaseName("ix_nopsegments_segment_checks_due");
            e.HasIndex(x => x.ProfileId).HasDatabaseName("ix_nopsegments_segment_checks_profile");
        });
        modelBuilder.Entity<SegmentTransition>(e =>
        {
            e.ToTable(TablePrefix + "segment_transitions");
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(16);
            // A segment's log newest first, the id breaking ties: a save logs every member at one instant.
            e.HasIndex(x => new { x.SegmentId, x.At, x.Id }).HasDatabaseName("ix_nopsegments_segment_transitions_segment");
            e.HasIndex(x => new { x.ProfileId, x.At }).HasDatabaseName("ix_nopsegments_segment_transitions_profile");
        });
        modelBuilder.Entity<DeadLetter>(e =>
        {
            e.ToTable(TablePrefix + "dead_letters");
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.VisitorId).HasMaxLength(64);
            e.Property(x => x.CustomerId).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ix_nopsegments_dead_letters_event");
            // Erasing a person finds their kept events by visitor or customer.
            e.HasIndex(x => x.VisitorId).HasDatabaseName("ix_nopsegments_dead_letters_visitor");
            e.HasIndex(x => x.CustomerId).HasDatabaseName("ix_nopsegments_dead_letters_customer");
        });
        modelBuilder.Entity<FlowEntry>(e =>
        {
            e.ToTable(TablePrefix + "flow_entries");
            e.Property(x => x.Flow).HasMaxLength(64);
            e.Property(x => x.CustomerId).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.ExitReason).HasMaxLength(64);
            e.Property(x => x.Context).HasMaxLength(4000);
            // The runner reads the active entries that are due; entry and re-entry rules read a profile's entries. One
            // trigger enters a person once, however many runners weigh it at the same time.
            e.HasIndex(x => new { x.Status, x.NextDueAt }).HasDatabaseName("ix_nopsegments_flow_entries_due");
            e.HasIndex(x => new { x.ProfileId, x.Flow, x.EnteredAt }).IsUnique().HasDatabaseName("ix_nopsegments_flow_entries_once");
        });
        modelBuilder.Entity<FlowSend>(e =>
        {
            e.ToTable(TablePrefix + "flow_sends");
            e.Property(x => x.SendKey).HasMaxLength(128);
            e.Property(x => x.Flow).HasMaxLength(64);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.Recipient).HasMaxLength(320);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Detail).HasMaxLength(2000);
            e.Property(x => x.OrderId).HasMaxLength(64);
            e.Property(x => x.Revenue).HasPrecision(18, 2);
            e.HasIndex(x => x.SendKey).IsUnique().HasDatabaseName("ix_nopsegments_flow_sends_key");
            // The frequency cap reads a profile's latest send.
            e.HasIndex(x => new { x.ProfileId, x.SentAt }).HasDatabaseName("ix_nopsegments_flow_sends_profile");
            // The page's chart and counts read a flow's sends over time.
            e.HasIndex(x => new { x.Flow, x.SentAt }).HasDatabaseName("ix_nopsegments_flow_sends_flow");
        });
        modelBuilder.Entity<Campaigns.StoredCampaign>(e =>
        {
            e.ToTable(TablePrefix + "campaigns");
            e.Property(x => x.Slug).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(4000);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasIndex(x => x.Slug).IsUnique().HasDatabaseName("ix_nopsegments_campaigns_slug");
        });
        modelBuilder.Entity<Campaigns.OfferServe>(e =>
        {
            e.ToTable(TablePrefix + "offer_serves");
            e.Property(x => x.Token).HasMaxLength(32);
            e.Property(x => x.Campaign).HasMaxLength(64);
            e.Property(x => x.Variant).HasMaxLength(64);
            e.Property(x => x.Slot).HasMaxLength(64);
            e.Property(x => x.VisitorId).HasMaxLength(64);
            e.Property(x => x.SessionId).HasMaxLength(64);
            e.Property(x => x.DiscountCode).HasMaxLength(64);
            e.HasIndex(x => x.Token).IsUnique().HasDatabaseName("ix_nopsegments_offer_serves_token");
            // Caps and stops read a person's serves (by each of their visitor ids); results read a campaign's over time.
            e.HasIndex(x => new { x.VisitorId, x.Campaign }).HasDatabaseName("ix_nopsegments_offer_serves_visitor");
            e.HasIndex(x => new { x.Campaign, x.ViewedAt }).HasDatabaseName("ix_nopsegments_offer_serves_campaign");
        });
        modelBuilder.Entity<ModuleSetting>(e =>
        {
            e.ToTable(TablePrefix + "settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(128);
            e.Property(x => x.Value).HasColumnName("value").HasMaxLength(4000);
        });
        UseSnakeCaseColumns(modelBuilder);
    }

    /// <summary>Hand-written SQL on the hot path reads these names, so every column is snake_case.</summary>
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
            property.SetColumnName(SnakeCase(property.Name));
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
