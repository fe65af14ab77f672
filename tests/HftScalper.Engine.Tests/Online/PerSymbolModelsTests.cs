using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Tests.Pipeline;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Online;

public sealed class PerSymbolModelsTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PerSymbolModelsTests(PipelineFixture fx) => _fx = fx;

    // BTCUSDT beside the quiet alts: several symbols in one run.
    private static PipelineResult Run(SymbolRegistry registry, IDecisionModelSource models)
    {
        using var source = new ReplaySource(ReplayFormat.Unknown,
            new MarketSimulatorSource(SimulatorOptions.Training with { Duration = TimeSpan.FromMinutes(2), Seed = 1 }, registry));
        return new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000 }, models, NullLogger.Instance).Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void A_symbol_with_its_own_model_is_served_by_it_and_every_other_symbol_by_the_shared_one()
    {
        using var a = PipelineFixture.Load(_fx.TreeModel(seed: 7));
        using var b = PipelineFixture.Load(_fx.TreeModel(seed: 99));
        var onlyA = Run(new SymbolRegistry(), new SingleModelSource(a));
        var onlyB = Run(new SymbolRegistry(), new SingleModelSource(b));

        var registry = new SymbolRegistry();
        var mixed = new SymbolModelSource(a, new Dictionary<string, ModelSession> { ["btcusdt"] = b }, registry);
        var result = Run(registry, mixed);

        Assert.True(registry.Count > 1, $"{registry.Count} symbols");
        Assert.True(registry.TryGetId("BTCUSDT"u8, out int btc));
        Assert.Same(b, mixed.ModelOf(btc));
        for (int id = 0; id < registry.Count; id++)
            if (id != btc) Assert.Same(a, mixed.ModelOf(id));
        Assert.NotEqual(onlyA.Digest, result.Digest);
        Assert.NotEqual(onlyB.Digest, result.Digest);
        Assert.Equal(onlyA.Decisions, result.Decisions);
        Assert.Equal(0, result.Inference.FailedRows);
    }

    [Fact]
    public void A_per_symbol_LSTM_model_steps_each_symbol_with_the_rows_keys_as_the_single_source_does()
    {
        // Every row of a per-symbol LSTM used to fail (served without its SequenceRowKey, as a tabular row).
        var path = LstmModels.Write(_fx.Dir, file: "per-symbol-lstm.onnx");
        using var single = PipelineFixture.Load(path);
        using var shared = PipelineFixture.Load(path);
        using var own = PipelineFixture.Load(path);
        var alone = Run(new SymbolRegistry(), new SingleModelSource(single));
        var registry = new SymbolRegistry();

        var perSymbol = Run(registry, new SymbolModelSource(shared, new Dictionary<string, ModelSession> { ["btcusdt"] = own }, registry));

        Assert.True(registry.Count > 1, $"{registry.Count} symbols");
        Assert.Equal(0, alone.Inference.FailedRows);
        Assert.Equal(0, perSymbol.Inference.FailedRows);
        Assert.Equal(perSymbol.Decisions, perSymbol.Inference.Rows);
        Assert.Equal(alone.Digest, perSymbol.Digest); // the same weights per symbol: the same decisions
    }

    [Fact]
    public void A_map_naming_no_symbol_of_the_run_is_the_same_run_as_the_shared_model_alone()
    {
        using var a = PipelineFixture.Load(_fx.TreeModel(seed: 7));
        using var b = PipelineFixture.Load(_fx.TreeModel(seed: 99));
        var onlyA = Run(new SymbolRegistry(), new SingleModelSource(a));
        var registry = new SymbolRegistry();

        var nobody = Run(registry, new SymbolModelSource(a, new Dictionary<string, ModelSession> { ["NOSUCHSYMBOL"] = b }, registry));

        Assert.Equal(onlyA.Digest, nobody.Digest);
    }

    [Fact]
    public void Resolving_by_the_runs_own_registry_routes_all_symbols_to_their_mapped_model()
    {
        using var a = PipelineFixture.Load(_fx.TreeModel(seed: 7));
        using var b = PipelineFixture.Load(_fx.TreeModel(seed: 99));
        var names = new SymbolRegistry();
        var onlyB = Run(names, new SingleModelSource(b));
        var registry = new SymbolRegistry();

        var everyToB = Run(registry, new SymbolModelSource(a, names.All.ToDictionary(s => s.Name, _ => b), registry));

        Assert.Equal(onlyB.Digest, everyToB.Digest);
    }
}
