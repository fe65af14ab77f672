using HftScalper.Training.Data;
using HftScalper.Training.Export;

namespace HftScalper.Training.Models;

/// <summary>
/// A model per market regime plus the global model, selected by the <c>regime_label</c> feature
/// (<see cref="RegimeGate.RegimeOf"/>). A regime without enough training samples has no model of its own and is
/// served by the global one.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class RegimeSet<T> where T : class
{
    /// <summary>Creates the set; <paramref name="regimeFeature"/> is -1 when the schema has no regime feature.</summary>
    public RegimeSet(T global, IReadOnlyList<T?> byRegime, int regimeFeature)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(byRegime);
        if (byRegime.Count != RegimeGate.Regimes) throw new ArgumentException($"need {RegimeGate.Regimes} regime slots", nameof(byRegime));
        Global = global;
        ByRegime = byRegime;
        RegimeFeature = regimeFeature;
    }

    /// <summary>The model trained on every regime.</summary>
    public T Global { get; }

    /// <summary>Per-regime models (null = served by <see cref="Global"/>).</summary>
    public IReadOnlyList<T?> ByRegime { get; }

    /// <summary>Column of <c>regime_label</c>, or -1.</summary>
    public int RegimeFeature { get; }

    /// <summary>True when at least one regime has its own model (the export then gates trees by regime).</summary>
    public bool IsGated => RegimeFeature >= 0 && ByRegime.Any(m => m is not null);

    /// <summary>The model serving <paramref name="regime"/>.</summary>
    public T For(int regime) => ByRegime[regime] ?? Global;

    /// <summary>The same set with every model passed through <paramref name="map"/>.</summary>
    public RegimeSet<T> Select(Func<T, T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new RegimeSet<T>(map(Global), [.. ByRegime.Select(m => m is null ? null : map(m))], RegimeFeature);
    }

    /// <summary>Splits <paramref name="rows"/> by the regime they route to (all to regime 0 when not gated).</summary>
    public int[][] Route(FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        if (!IsGated) return [rows, [], []];
        var lists = new List<int>[RegimeGate.Regimes];
        for (int r = 0; r < lists.Length; r++) lists[r] = [];
        foreach (var row in rows) lists[RegimeGate.RegimeOf(samples[row, RegimeFeature])].Add(row);
        return [.. lists.Select(l => l.ToArray())];
    }

    /// <summary>A short description: which regimes have their own model.</summary>
    public string Describe() => !IsGated ? "global model only"
        : string.Join(", ", Enumerable.Range(0, RegimeGate.Regimes).Select(r => $"{RegimeNames[r]}: {(ByRegime[r] is null ? "global" : "own")}"));

    /// <summary>Names of the regimes by label value.</summary>
    public static IReadOnlyList<string> RegimeNames { get; } = ["ranging", "trending", "volatile"];
}
