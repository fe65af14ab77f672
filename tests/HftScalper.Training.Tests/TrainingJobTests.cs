using System.Text.Json.Nodes;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Tests;

public sealed class TrainingJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-job-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly GbmParameters Small = new(15, 0.1, 20, 40, 1, 0.9, 10);

    [Fact]
    public void Trainer_beats_the_baselines_on_a_learnable_signal()
    {
        var data = SyntheticMarket.Labeled(3000, seed: 11, signal: 0.3);
        var options = new TrainingOptions { FixedParameters = Small, WalkForward = new WalkForwardOptions { Folds = 3 }, MinRegimeSamples = 300, TrainReturnModel = false };

        var result = new ModelTrainer(options).Train(data, SyntheticMarket.RegimeColumn);

        var m = result.OutOfSample;
        Assert.Equal(3, result.Folds.Count);
        Assert.True(m.Accuracy > m.MajorityBaseline + 0.05 && m.Accuracy > m.PersistenceBaseline + 0.05,
            $"out of sample {m.Summary()}");
        Assert.All(result.Folds, f => Assert.True(f.Purged > 0, "walk-forward folds purge the labels reaching the test block"));
    }

    [Fact]
    public void Training_on_the_simulator_writes_models_the_serving_loader_accepts_and_evaluate_scores_them()
    {
        var path = Path.Combine(_dir, "sim.onnx");
        var options = new TrainingJobOptions
        {
            Simulator = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(8) },
            OutputPath = path,
            ModelName = "sim-test",
            Training = new TrainingOptions { FixedParameters = Small, WalkForward = new WalkForwardOptions { Folds = 2 } },
        };

        var job = TrainingJob.Run(options);

        Assert.Equal([path, Path.Combine(_dir, "sim.return.onnx")], job.Paths);
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(8), NullLogger.Instance);
        using (var session = loader.Load(path, ModelRole.Direction))
        {
            var md = session.Metadata;
            // The trainer writes what the contract reads: classes by name, horizon, labelling threshold.
            Assert.Equal((0, 1, 2), (session.Contract.Direction!.DownColumn, session.Contract.Direction.FlatColumn, session.Contract.Direction.UpColumn));
            Assert.Equal(TimeSpan.FromSeconds(10), session.Contract.Horizon);
            Assert.Equal(new MoveThreshold(0.1, InBasisPoints: true), session.Contract.Threshold);
            Assert.Equal(FeatureEngine.DefaultSchema.Hash, md.SchemaHash);
            Assert.Equal(["down", "flat", "up"], md.OutputNames);
            Assert.Equal(TimeSpan.FromSeconds(10), md.Horizon);
            Assert.Contains("reproducible", md.DataDescription, StringComparison.Ordinal);
            Assert.True(md.TrainTo > md.TrainFrom);
            var metrics = JsonNode.Parse(md.ValidationMetricsJson)!;
            Assert.NotNull(metrics["outOfSample"]?["majorityBaseline"]);
            Assert.Equal("0.1bps", metrics["labelling"]?["threshold"]?.GetValue<string>());
            // The class-conditional mean moves (bps of the mid, on the training set) ride in the metadata: a down
            // label means a falling mid, an up label a rising one.
            var means = md.ClassMeanMoveBps!;
            Assert.True(means[0] < 0 && means[2] > 0 && Math.Abs(means[1]) < means[2], $"class means {string.Join(", ", means)}");
            // Reference distributions for drift monitoring: every feature and the three class probabilities, on the training rows.
            var reference = md.Reference!;
            Assert.Equal(md.FeatureNames.Count, reference.Features.Count);
            Assert.Equal(["down", "flat", "up"], reference.PredictionNames);
            Assert.Equal(job.Dataset.Samples.Rows, reference.Rows);
            Assert.InRange(reference.PredictionMeans.Sum(), 0.99, 1.01);
        }
        using (var ret = loader.Load(job.Paths[1], ModelRole.Return)) Assert.Equal((1, "forward_mid_change_bps", "bps"), (ret.OutputWidth, ret.Contract.Return!.Target, ret.Metadata.ReturnUnit));
        Assert.Throws<ModelLoadException>(() => loader.Load(job.Paths[1], ModelRole.Direction));

        var held = SimulatorOptions.Default with { Seed = 2, Duration = TimeSpan.FromMinutes(4) };
        var (_, results) = EvaluationJob.Run(path, [], held, [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)]);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Metrics.Samples > 150 && r.Metrics.MajorityBaseline is > 0 and <= 1 && r.Metrics.PersistenceBaseline is >= 0 and <= 1));
    }

    [Fact]
    public void Same_seed_and_data_give_the_same_trees()
    {
        var data = SyntheticMarket.Labeled(1200, seed: 5);
        var options = new TrainingOptions { FixedParameters = Small, WalkForward = new WalkForwardOptions { Folds = 2 }, TrainReturnModel = false };

        var a = new ModelTrainer(options).Train(data, -1);
        var b = new ModelTrainer(options).Train(data, -1);

        var ea = Export.TreeModelExporter.Direction(a.Direction, SyntheticMarket.Schema.Count);
        var eb = Export.TreeModelExporter.Direction(b.Direction, SyntheticMarket.Schema.Count);
        Assert.Equal(ea.Graph.ToString(), eb.Graph.ToString());
    }
}
