using HftScalper.Binance.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Inference.Lifecycle;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Commands;

/// <summary>
/// Canary feature rows for <c>hft models</c>: the built-in market simulator (fixed seed) replayed through the real
/// feature engine, keeping the last rows, so a model is checked on rows shaped like the ones it will serve rather
/// than on zeros.
/// </summary>
internal static class ModelsCommandCanary
{
    public static float[] Rows(double seconds, out string source)
    {
        if (!(seconds > 0) || seconds > 3600) throw new ArgumentException($"--canary-seconds must be in (0, 3600], got {seconds}");
        var registry = new SymbolRegistry();
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromSeconds(seconds) };
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions());
        var canary = new CanaryRows(replay.Schema.Count, 256);
        using var simulator = new MarketSimulatorSource(options, registry);
        var result = replay.Run(new BinanceEventFeed(simulator, registry, "binance-spot"), (in _, row) => canary.Record(row));
        var rows = canary.Snapshot(out int n);
        source = $"simulator {seconds:0.#} s, seed {options.Seed}: {n} of {result.Decisions} decision rows";
        return rows;
    }
}
