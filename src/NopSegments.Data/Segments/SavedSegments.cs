using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NopSegments.Data.Ingestion;
using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>
/// Saved segments: saving validates the query (and in_segment cycles), bumps the version and materializes the
/// membership set-wise, logging who entered and left because of the edit; previews show the same without saving.
/// </summary>
internal sealed partial class SavedSegments(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    private const int SampleSize = 10;
    private readonly SqlDialect sql = SqlDialect.For(contexts.Provider);

    public async Task<List<SavedSegment>> ListAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    public async Task<SegmentSaved> SaveAsync(SegmentDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!SlugPattern().IsMatch(draft.Slug))
            throw new SegmentDefinitionException($"'{draft.Slug}' is not a slug: use 1-64 lower-case letters, digits and inner hyphens, e.g. lapsed-buyers");
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200)
            throw new SegmentDefinitionException("a segment needs a name of at most 200 characters");
        var saved = await ListAsync(ct);
        var query = SegmentQuery.Parse(draft.Query, [.. saved.Select(s => s.Slug).Where(s => s != draft.Slug)]);
        if (SegmentGraph.CycleThrough(draft.Slug, query.Segments, SegmentGraph.Of(saved)) is { } cycle)
            throw new SegmentDefinitionException($"in_segment makes a cycle: {cycle}");

        var now = clock.GetUtcNow();
        var answer = await new SegmentMembership(contexts).EvaluateAsync(query, now, ct);
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var existing = saved.SingleOrDefault(s => s.Slug == draft.Slug);
        var version = (existing?.Version ?? 0) + 1;
        var id = existing?.Id ?? await InsertAsync(connection, tx, draft, query, now, ct);
        if (existing is not null)
            await ExecuteAsync(connection, tx, "UPDATE nopsegments_segments SET name = @name, description = @description, query = @query, " +
                "version = @version, updated_at = @now, materialized_at = @now WHERE id = @id",
                [("@name", draft.Name.Trim()), ("@description", Clean(draft.Description)), ("@query", query.Text), ("@version", version), ("@now", now.UtcDateTime), ("@id", id)], ct);
        var (entered, left) = await MaterializeAsync(connection, tx, id, version, answer, now, SegmentTransition.ByEdit, ct);
        await tx.CommitAsync(ct);
        LiveSegments.Forget(connection.ConnectionString);
        return new SegmentSaved(draft.Slug, version, answer.Members.Count, entered, left);
    }

    public async Task<SegmentPreview> PreviewAsync(string queryText, string? slug, CancellationToken ct = default)
    {
        var saved = await ListAsync(ct);
        var query = SegmentQuery.Parse(queryText, [.. saved.Select(s => s.Slug).Where(s => s != slug)]);
        var now = clock.GetUtcNow();
        var setBased = new SetBasedSegments(contexts);
        if (await setBased.WhyNotAsync(query, now, ct) is not { } why)
            return await setBased.PreviewAsync(query, saved.SingleOrDefault(s => s.Slug == slug)?.Id, now, SampleSize, ct);
        var answer = await new SegmentMembership(contexts).FoldAsync(query, now, ct);
        var current = saved.SingleOrDefault(s => s.Slug == slug) is { } segment ? await MembersAsync(segment.Id, ct) : [];
        var entering = answer.Members.Keys.Where(id => !current.Contains(id)).ToList();
        var leaving = current.Where(id => !answer.Members.ContainsKey(id)).Order().ToList();
        var leavingKeys = await new SetBasedSegments(contexts).KeysAsync([.. leaving.Take(SampleSize)], ct);
        return new SegmentPreview(answer.Members.Count, [.. answer.Members.Values.Take(SampleSize)],
            entering.Count, [.. entering.Take(SampleSize).Select(id => answer.Keys[id])],
            leaving.Count, [.. leaving.Take(SampleSize).Select(id => leavingKeys.GetValueOrDefault(id, SegmentMembership.Key(id)))])
        {
            ProfileByProfile = why,
        };
    }

    public async Task DeleteAsync(string slug, CancellationToken ct = default)
    {
        var saved = await ListAsync(ct);
        var segment = saved.SingleOrDefault(s => s.Slug == slug) ?? throw new SegmentDefinitionException($"no segment '{slug}'");
        if (SegmentGraph.Of(saved).FirstOrDefault(g => g.Value.Contains(slug)).Key is { } user)
            throw new SegmentDefinitionException($"'{user}' reads '{slug}' through in_segment; change it first");
        await using (var db = contexts.Create())
        {
            if (await SegmentUsers.FirstAsync(db, slug, ct) is { } use)
                throw new SegmentDefinitionException($"'{slug}' cannot be deleted: {use}; change that first");
        }
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var table in new[] { "segment_members", "segment_checks", "segment_transitions" })
            await ExecuteAsync(connection, tx, $"DELETE FROM nopsegments_{table} WHERE segment_id = @id", [("@id", segment.Id)], ct);
        await ExecuteAsync(connection, tx, "DELETE FROM nopsegments_segments WHERE id = @id", [("@id", segment.Id)], ct);
        await tx.CommitAsync(ct);
        LiveSegments.Forget(connection.ConnectionString);
    }

    public async Task<HashSet<long>> MembersAsync(long segmentId, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return [.. await db.SegmentMembers.Where(m => m.SegmentId == segmentId).Select(m => m.ProfileId).ToListAsync(ct)];
    }

    private async Task<(int Entered, int Left)> MaterializeAsync(
        DbConnection connection, DbTransaction tx, long id, int version, SegmentMembership.Answer answer, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var current = await MembersAsync(id, ct);
        var entered = answer.Members.Keys.Where(p => !current.Contains(p)).ToList();
        var left = current.Where(p => !answer.Members.ContainsKey(p)).ToList();
        var at = now.UtcDateTime;
        await sql.ExecuteForEachAsync(connection, tx, "DELETE FROM nopsegments_segment_members WHERE segment_id = @s AND profile_id = @p",
            ["@s", "@p"], left.Select(p => new object?[] { id, p }), ct);
        await sql.InsertRowsAsync(connection, tx, "nopsegments_segment_members", ["segment_id", "profile_id", "since"],
            entered.Select(p => new object?[] { id, p, at }), ct);
        await ExecuteAsync(connection, tx, "DELETE FROM nopsegments_segment_checks WHERE segment_id = @id", [("@id", id)], ct);
        await sql.InsertRowsAsync(connection, tx, "nopsegments_segment_checks", ["segment_id", "profile_id", "due_at"],
            answer.NextChecks.Where(_ => !answer.UsesRfm).Select(c => new object?[] { id, c.Key, c.Value.UtcDateTime }), ct);
        await sql.InsertRowsAsync(connection, tx, "nopsegments_segment_transitions", ["segment_id", "profile_id", "kind", "at", "reason", "version"],
            entered.Select(p => new object?[] { id, p, SegmentTransition.Entered, at, reason, version })
                .Concat(left.Select(p => new object?[] { id, p, SegmentTransition.Left, at, reason, version })), ct);
        return (entered.Count, left.Count);
    }

    private static async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, SegmentDraft draft, SegmentQuery query, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO nopsegments_segments (slug, name, description, query, version, created_at, updated_at, materialized_at) " +
            "VALUES (@slug, @name, @description, @query, 1, @now, @now, @now) RETURNING id";
        command.AddParameter("@slug", draft.Slug);
        command.AddParameter("@name", draft.Name.Trim());
        command.AddParameter("@description", (object?)Clean(draft.Description) ?? DBNull.Value);
        command.AddParameter("@query", query.Text);
        command.AddParameter("@now", now.UtcDateTime);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string text, (string Name, object? Value)[] parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string? Clean(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex SlugPattern();
}
