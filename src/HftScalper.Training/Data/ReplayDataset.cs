using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Features.Schema;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;

namespace HftScalper.Training.Data;

/// <summary>
/// Builds a dataset by replaying recordings (or the built-in simulator) through <see cref="FeatureReplay"/>, the same
/// book + feature code the live pipeline runs, so training and serving features are identical. One symbol per
/// dataset (labels follow one mid path): the one named, else the first that makes a decision. Decisions on a
/// locked or crossed quote are left out (counted as unsynced).
/// </summary>
public sealed class ReplayDataset
{
    private ReplayDataset(DatasetBuilder builder, FeatureSchema schema, string symbol, string description, FeatureReplayResult replay, long otherSymbols,
        int symbolId, FeatureEngineOptions features)
    {
        SymbolId = symbolId;
        Features = features;
        Builder = builder;
        Schema = schema;
        Symbol = symbol;
        Description = description;
        Replay = replay;
        OtherSymbolDecisions = otherSymbols;
    }

    /// <summary>The collected samples and decision path.</summary>
    public DatasetBuilder Builder { get; }

    /// <summary>The feature schema of the rows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Registry id of <see cref="Symbol"/> in this replay (what a <see cref="RegimeHistory"/> keys it by).</summary>
    public int SymbolId { get; }

    /// <summary>The feature engine settings the rows were computed with.</summary>
    public FeatureEngineOptions Features { get; }

    /// <summary>The symbol the dataset follows.</summary>
    public string Symbol { get; }

    /// <summary>What was replayed.</summary>
    public string Description { get; }

    /// <summary>Replay counters.</summary>
    public FeatureReplayResult Replay { get; }

    /// <summary>Decisions of other symbols, left out.</summary>
    public long OtherSymbolDecisions { get; }

    /// <summary>Damage found in the recordings read (zeros for the simulator).</summary>
    public InputDamage InputDamage { get; private init; } = new();

    /// <summary>
    /// Replays <paramref name="files"/> (none = the simulator with <paramref name="simulator"/>) through an engine with
    /// <paramref name="features"/> (null = the defaults); <paramref name="regimeObserver"/>, when given, sees the
    /// engine's regime inputs (training's fitting pass).
    /// </summary>
    public static ReplayDataset Build(IReadOnlyList<string> files, SimulatorOptions simulator, long sampleIntervalNs,
        string? symbol = null, DepthSyncRule rule = DepthSyncRule.Spot, string venue = "binance-spot", Action<string>? log = null,
        FeatureEngineOptions? features = null, IRegimeObserver? regimeObserver = null)
    {
        features ??= FeatureEngineOptions.Default;
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(simulator);
        var registry = new SymbolRegistry();
        using var source = files.Count > 0
            ? ReplaySourceFactory.Open(registry, files, log ?? Console.Error.WriteLine, venue)
            : new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(simulator, registry));
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Rule = rule, Log = log, Features = features });
        replay.Processor.Features.RegimeObserver = regimeObserver;
        var builder = new DatasetBuilder(replay.Schema.Count, sampleIntervalNs);
        // Event formats (Lean L1 quotes, CSV) carry no depth stream to sync, so their quote is the market state; frame
        // recordings count only once the depth book is synced.
        bool quotesOnly = source.Frames is null;
        int followed = -1;
        long others = 0;
        var result = replay.Run(source.Feed(registry, venue), (in DecisionInfo info, ReadOnlySpan<float> row) =>
        {
            if (followed < 0 && (symbol is null || string.Equals(registry[info.SymbolId].Name, symbol, StringComparison.OrdinalIgnoreCase)))
                followed = info.SymbolId;
            if (info.SymbolId != followed) { others++; return; }
            builder.Add(info.ExchangeTimeNs, info.MidTicks, (info.BookSynced || quotesOnly) && info.BidTicks > 0 && info.AskTicks > info.BidTicks, row);
        });
        if (followed < 0)
            throw new InvalidDataException(symbol is null ? $"no decision came out of {source.Description}"
                : $"symbol '{symbol}' made no decision in {source.Description} (symbols: {string.Join(", ", registry.All.Select(x => x.Name))})");
        var damage = InputDamage.Of(source);
        damage.AddRejectedFrames(result.Parse?.Rejected ?? 0);
        return new ReplayDataset(builder, replay.Schema, registry[followed].Name, files.Count > 0 ? source.Description : $"built-in {source.Description}", result, others,
            followed, features) { InputDamage = damage };
    }
}
