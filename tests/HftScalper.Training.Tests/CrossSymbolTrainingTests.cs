using Google.Protobuf;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Tests;

/// <summary>
/// The cross-symbol block travels with the model: <c>hft train --cross-symbol</c> computes it in the dataset, writes it
/// into the metadata, a loader with the built-in schema accepts the model because it declares the block, and an engine
/// built from that metadata computes the training rows bit for bit, with two symbols interleaved.
/// </summary>
public sealed class CrossSymbolTrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-xsym-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly SimulatorOptions Coupled = new()
    {
        Symbols = [SymbolProfile.Btcusdt, SymbolProfile.Ethusdt],
        Duration = TimeSpan.FromMinutes(6),
        Seed = 3,
        LeadLag = new LeadLagCoupling("BTCUSDT"),
    };

    private static Dictionary<long, List<float[]>> ReplayRows(SimulatorOptions sim, FeatureEngineOptions features, string symbol)
    {
        var registry = new SymbolRegistry();
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(sim, registry));
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Features = features });
        var rows = new Dictionary<long, List<float[]>>();
        replay.Run(source.Feed(registry, "binance-spot"), (in DecisionInfo info, ReadOnlySpan<float> row) =>
        {
            if (registry[info.SymbolId].Name != symbol) return;
            if (!rows.TryGetValue(info.ExchangeTimeNs, out var list)) rows[info.ExchangeTimeNs] = list = [];
            list.Add(row.ToArray());
        });
        return rows;
    }

    private static bool SameBits(float[] a, float[] b) =>
        a.Length == b.Length && a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.Select(BitConverter.SingleToInt32Bits));

    [Fact]
    public void Serving_engine_built_from_the_metadata_computes_the_training_rows_bit_for_bit_with_the_block_on()
    {
        var path = Path.Combine(_dir, "xs.onnx");
        var options = new TrainingJobOptions
        {
            Simulator = Coupled,
            Symbol = "ETHUSDT",
            CrossSymbol = new CrossSymbolOptions("BTCUSDT"),
            OutputPath = path,
            ModelName = "xsym-test",
            Training = new TrainingOptions
            {
                FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
                WalkForward = new WalkForwardOptions { Folds = 2 },
                TrainReturnModel = false,
            },
        };

        var job = TrainingJob.Run(options);

        using var session = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(8), NullLogger.Instance).Load(path);
        Assert.Equal(options.CrossSymbol, session.Metadata.CrossSymbol);
        Assert.Equal(FeatureEngine.DefaultSchema.Count + 5, session.Metadata.FeatureNames.Count);
        var samples = job.Dataset.Builder.Samples;
        var served = ReplayRows(Coupled, session.Metadata.FeatureOptions(), "ETHUSDT");
        int valid = job.Dataset.Schema.IndexOf("xs_leader_valid"), live = 0;
        for (int i = 0; i < samples.Rows; i++)
        {
            var trained = samples.Row(i).ToArray();
            Assert.True(served.TryGetValue(samples.TimesNs[i], out var atT) && atT.Any(r => SameBits(r, trained)), $"sample {i}: no bit-identical serving row");
            if (trained[valid] == 1) live++;
        }
        Assert.True(live > samples.Rows * 9 / 10, $"only {live} of {samples.Rows} rows saw the leader");
        // Same stream, same rows: a second replay gives the same bits.
        var again = ReplayRows(Coupled, session.Metadata.FeatureOptions(), "ETHUSDT");
        Assert.All(served, kv => Assert.True(kv.Value.Zip(again[kv.Key]).All(p => SameBits(p.First, p.Second))));

        // A running engine without the block refuses the model on hot reload (the schema differs), naming the columns.
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(1), new ModelValidationOptions(), NullLogger.Instance);
        var refused = validator.Validate(path, [], out var none);
        Assert.Null(none);
        Assert.Equal(ModelRejection.SchemaMismatch, refused.Rejection);
        Assert.Contains("xs_leader_valid", refused.Message, StringComparison.Ordinal);

        // Without its metadata key the model cannot say how to compute its columns: refused with that reason.
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var key = proto.MetadataProps.Single(p => p.Key == "hft.features.cross_symbol");
        proto.MetadataProps.Remove(key);
        var stripped = Path.Combine(_dir, "stripped.onnx");
        File.WriteAllBytes(stripped, proto.ToByteArray());
        var e = Assert.Throws<ModelLoadException>(() => new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(1), NullLogger.Instance).Load(stripped));
        Assert.Contains("hft.features.cross_symbol", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_compare_scores_a_model_with_the_block_beside_one_without_on_the_same_samples()
    {
        TrainingJobOptions Job(string name, CrossSymbolOptions? cross) => new()
        {
            Simulator = Coupled with { Duration = TimeSpan.FromMinutes(4) },
            Symbol = "ETHUSDT",
            CrossSymbol = cross,
            OutputPath = Path.Combine(_dir, name),
            ModelName = name,
            Training = new TrainingOptions
            {
                FixedParameters = new GbmParameters(7, 0.1, 20, 30, 1, 0.9, 10),
                WalkForward = new WalkForwardOptions { Folds = 2 },
                TrainReturnModel = false,
            },
        };
        TrainingJob.Run(Job("base.onnx", null));
        TrainingJob.Run(Job("xs.onnx", new CrossSymbolOptions("BTCUSDT")));

        // Each model sees the rows through its own features (one replay per profile and block).
        var r = ModelComparison.Run([Path.Combine(_dir, "base.onnx"), Path.Combine(_dir, "xs.onnx")], [], Coupled with { Seed = 8, Duration = TimeSpan.FromMinutes(3) },
            symbol: "ETHUSDT");

        Assert.Equal(2, r.Models.Count);
        Assert.True(r.Models[0].Metrics.Samples > 100, $"samples {r.Models[0].Metrics.Samples}");
        Assert.Equal(r.Models[0].Metrics.Samples, r.Models[1].Metrics.Samples);
    }
}
