namespace NopSegments.Data.Ingestion;

/// <summary>What a batch's commit waits for.</summary>
internal enum BatchCommit
{
    /// <summary>The database's log is on disk before the commit returns (durable mode, imports).</summary>
    Flushed,

    /// <summary>
    /// The events were only in memory until now (the queued mode): the commit returns once the database has the batch,
    /// and its log reaches disk a moment later (PostgreSQL: within 3 × wal_writer_delay, 0.6 s by default). A crash
    /// of the database server in that moment loses those batches whole, never part of one; a crash of the store loses
    /// nothing more. SQLite's WAL with synchronous=NORMAL, which both modes use, makes the same promise on power loss.
    /// </summary>
    Buffered,
}
