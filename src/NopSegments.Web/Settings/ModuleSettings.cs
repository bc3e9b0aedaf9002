using Microsoft.EntityFrameworkCore;
using NopSegments.Data;
using NopSegments.Data.Settings;

namespace NopSegments.Web.Settings;

/// <summary>The module's settings (nopsegments_settings), cached; reloaded after install and after a change.</summary>
internal sealed class ModuleSettings(SegmentsDbContextFactory contexts)
{
    public const string AfterConsent = "after_consent";
    public const string ConsentCookie = "nopsegments.consent";
    private volatile IReadOnlyDictionary<string, string> values = new Dictionary<string, string>();

    /// <summary>Every setting as stored.</summary>
    public IReadOnlyDictionary<string, string> All => values;

    /// <summary>"track_all" (default) or "after_consent".</summary>
    public string ConsentMode => values.GetValueOrDefault("tracking.consent_mode", "track_all");

    public bool HonourDoNotTrack => values.GetValueOrDefault("tracking.honour_do_not_track", "true") == "true";

    /// <summary>How many days of events the module keeps (privacy.retention_days); 0 or less keeps them all.</summary>
    public int RetentionDays => int.TryParse(values.GetValueOrDefault("privacy.retention_days"), System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : 0;

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = contexts.Create();
        values = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
    }

    public Task SetAsync(string key, string value, CancellationToken ct) => SetAsync([(key, value)], ct);

    /// <summary>
    /// Writes the settings in one transaction. A known key an older install did not write yet (or a custom flow's) is added; an unknown key
    /// is refused.
    /// </summary>
    public async Task SetAsync(IReadOnlyCollection<(string Key, string Value)> changes, CancellationToken ct)
    {
        await using var db = contexts.Create();
        foreach (var (key, value) in changes)
        {
            var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, ct);
            if (setting is null)
            {
                if (!DefaultSettings.IsKnown(key))
                    throw new ArgumentException($"unknown setting '{key}'", nameof(changes));
                db.Settings.Add(new ModuleSetting { Key = key, Value = value });
            }
            else
            {
                setting.Value = value;
            }
        }
        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
    }

    /// <summary>Removes settings (a deleted custom flow's keys); a key not stored is no error.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var db = contexts.Create();
        await db.Settings.Where(s => keys.Contains(s.Key)).ExecuteDeleteAsync(ct);
        await ReloadAsync(ct);
    }
}
