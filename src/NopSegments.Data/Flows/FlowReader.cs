using NopSegments.Language;
using NopSegments.Tracking;

namespace NopSegments.Data.Flows;

/// <summary>Reads one flow's keys (<c>flows.&lt;key&gt;.*</c>) into its definition, or says which key is wrong and how.</summary>
internal static class FlowReader
{
    public static FlowDefinition Read(SettingText text, string key, string? builtInName, IReadOnlyCollection<string> segmentSlugs)
    {
        string K(string field) => $"flows.{key}.{field}";
        var delays = text.List(K("delays")).Select(d => SettingText.Duration(K("delays"), d)).ToList();
        if (delays.Count == 0)
            throw new FlowSettingsException(K("delays"), "name at least one step, for example 1h,24h,72h");
        if (delays.Any(d => d < FlowSettings.ShortestStep))
            throw new FlowSettingsException(K("delays"), "the shortest step is 1m");
        if (delays.Zip(delays.Skip(1)).Any(p => p.Second <= p.First))
            throw new FlowSettingsException(K("delays"), "each step must come after the one before, for example 1h,24h,72h");
        var channels = text.List(K("channels"));
        if (channels.FirstOrDefault(c => !FlowChannelNames.All.Contains(c)) is { } unknownChannel)
            throw new FlowSettingsException(K("channels"), $"'{unknownChannel}' is not a channel: write email, sms or webhook for each step, comma separated");
        if (channels.Count > delays.Count)
            throw new FlowSettingsException(K("channels"), $"{channels.Count} channels for {delays.Count} steps: name one per step, or one for all");
        var exits = text.List(K("exit_when"));
        if (exits.FirstOrDefault(e => !FlowExits.All.Contains(e)) is { } unknownExit)
            throw new FlowSettingsException(K("exit_when"), $"'{unknownExit}' is not an exit: write any of {string.Join(", ", FlowExits.All)}");
        var trigger = Trigger(text, K("trigger"), segmentSlugs);
        if (trigger.EventName == EventNames.AddedToCart && exits.Contains(FlowExits.Carted))
            throw new FlowSettingsException(K("exit_when"), "'carted' would end a flow that adding to the cart starts at once: leave it out, or use cart_emptied");
        var steps = delays.Select((d, i) => new FlowStep(d, channels.Count == 0 ? FlowChannelNames.Email : channels[Math.Min(i, channels.Count - 1)])).ToList();
        var name = builtInName ?? (text[K("name")] is { Length: > 0 } given ? given : key);
        return new FlowDefinition(key, name, text.Bool(K("enabled")), trigger, steps, text.Duration(K("reentry")))
        {
            Filter = Query(text, K("filter"), segmentSlugs),
            ExitQuery = Query(text, K("exit"), segmentSlugs),
            ExitWhen = exits.ToHashSet(StringComparer.Ordinal),
            Intent = text[K("intent_views")] is { Length: > 0 }
                ? new IntentRule(text.Whole(K("intent_views"), 2, 100), text.Duration(K("intent_within")), text[K("intent_category")] is { Length: > 0 } c ? c : null)
                : null,
            DiscountStep = text[K("discount_step")] is { Length: > 0 } ? text.Whole(K("discount_step"), 1, steps.Count) : null,
            DiscountPercent = text.Percent(K("discount_percent")),
            DiscountValid = text.Duration(K("discount_valid")),
        };
    }

    private static FlowTrigger Trigger(SettingText text, string key, IReadOnlyCollection<string> segmentSlugs)
    {
        var value = text[key];
        if (value.StartsWith(FlowTrigger.SegmentPrefix, StringComparison.Ordinal))
        {
            var slug = value[FlowTrigger.SegmentPrefix.Length..].Trim();
            if (slug.Length == 0 || !segmentSlugs.Contains(slug))
                throw new FlowSettingsException(key, $"'{slug}' is not a saved segment: write segment: and the slug of one");
            return new FlowTrigger(null, slug);
        }
        if (!EventCatalog.Events.ContainsKey(value))
            throw new FlowSettingsException(key, $"'{value}' is not a trigger: write an event such as added_to_cart or checkout_started, or segment: and a saved segment's slug");
        return new FlowTrigger(value, null);
    }

    private static SegmentQuery? Query(SettingText text, string key, IReadOnlyCollection<string> segmentSlugs)
    {
        var query = text[key];
        if (query.Length == 0)
            return null;
        try
        {
            return SegmentQuery.Parse(query, segmentSlugs);
        }
        catch (SegmentQueryException ex)
        {
            throw new FlowSettingsException(key, ex.Message);
        }
    }
}
