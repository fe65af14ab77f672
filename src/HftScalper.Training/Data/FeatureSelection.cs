using HftScalper.Features.Schema;

namespace HftScalper.Training.Data;

/// <summary>
/// The columns a model may split on (<c>hft train --features</c>). Training sees every other column held at 0, so no
/// tree can split on it; the exported model still takes the whole row (serving is unchanged) and its metadata lists
/// the columns (<c>hft.features.trained</c>). Built against the schema the training rows will have, so an unknown name
/// is refused before any replay.
/// </summary>
public sealed class FeatureSelection
{
    /// <summary>
    /// Named lists. <c>scale-free</c>: columns whose values mean the same on any symbol and price scale (ratios,
    /// signs, counts): L1 imbalance, the spread relative to its own mean and its variation, normalised order flow,
    /// tick direction and run, trade-sign run and trade imbalance. It leaves out bps-scaled, volatility-level,
    /// activity-level, time-of-day, bar-based and depth-beyond-L1 columns. On L1-only input (Lean, Binance CSVs)
    /// <c>ofi_norm_*</c> are 0 (computed from depth messages); Lean trades are signed by the Lee-Ready rule.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Presets { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["scale-free"] =
        [
            "imbalance_1", "spread_rel", "spread_cv", "ofi_norm_fast", "ofi_norm_mid", "ofi_norm_slow",
            "tick_direction", "tick_run", "trade_sign_run", "trade_imbalance_fast", "trade_imbalance_slow",
        ],
    };

    private readonly bool[] _kept;

    private FeatureSelection(FeatureSchema schema, bool[] kept)
    {
        SchemaHash = schema.Hash;
        _kept = kept;
        Names = [.. schema.Features.Where((_, i) => kept[i]).Select(f => f.Name)];
    }

    /// <summary>The kept columns, in schema order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Hash of the schema the selection was made against (the training rows must have it).</summary>
    public string SchemaHash { get; }

    /// <summary>True when column <paramref name="column"/> is kept.</summary>
    public bool Keeps(int column) => (uint)column < (uint)_kept.Length && _kept[column];

    /// <summary>
    /// Reads a comma-separated list of column names of <paramref name="schema"/> and preset names (expanded), in any
    /// order, duplicates allowed.
    /// </summary>
    /// <exception cref="ArgumentException">An empty list, or a name that is neither a column nor a preset (all such names are listed).</exception>
    public static FeatureSelection Parse(string text, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        var kept = new bool[schema.Count];
        var unknown = new List<string>();
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new ArgumentException("--features: no column named (give column names of the feature schema or a preset: " + string.Join(", ", Presets.Keys) + ")");
        foreach (var item in items)
        {
            foreach (var name in Presets.TryGetValue(item, out var preset) ? preset : [item])
            {
                int i = schema.IndexOf(name);
                if (i < 0) unknown.Add(name);
                else kept[i] = true;
            }
        }
        if (unknown.Count > 0)
            throw new ArgumentException($"--features: unknown feature name{(unknown.Count > 1 ? "s" : "")} [{string.Join(", ", unknown)}]: " +
                $"not columns of the feature schema ({schema.Count} columns; `hft features` writes them with their names) nor a preset ({string.Join(", ", Presets.Keys)})");
        return new FeatureSelection(schema, kept);
    }

    /// <summary>A copy of <paramref name="samples"/> with every column not kept set to 0 (times and mids unchanged).</summary>
    public FeatureMatrix Apply(FeatureMatrix samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Width != _kept.Length) throw new ArgumentException($"rows have {samples.Width} columns, the selection's schema {_kept.Length}", nameof(samples));
        var masked = new FeatureMatrix(samples.Width, samples.Rows);
        var row = new float[samples.Width];
        var times = samples.TimesNs;
        var mids = samples.MidTicks;
        for (int r = 0; r < samples.Rows; r++)
        {
            samples.Row(r).CopyTo(row);
            for (int c = 0; c < row.Length; c++)
                if (!_kept[c]) row[c] = 0;
            masked.Add(row, times[r], mids[r]);
        }
        return masked;
    }
}
