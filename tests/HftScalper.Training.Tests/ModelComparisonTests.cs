using System.IO.Compression;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Evaluation;

namespace HftScalper.Training.Tests;

/// <summary>
/// <c>hft evaluate --compare</c> on a crafted market whose labels are known by hand: one quote a second (mid path
/// 100.00, .01, .02, .02, .01, .01, .02, .03, .03, .02, .02), 1 s samples and horizon, any move. True classes
/// up, up, flat, down, flat, up, up, flat, down, flat (4 up, 4 flat, 2 down; a last quote at 10.5 s
/// lets the 9 s sample see its future, the 10 s sample has none);
/// persistence (the previous move) flat, up, up, flat, down, flat, up, up, flat, down: right 2 of 10, 2 of the 6
/// moved. Two real ONNX models with constant outputs: "up" (0.2, 0.2, 0.6) and "flat" (0.1, 0.8, 0.1).
/// </summary>
public sealed class ModelComparisonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly int[] MidCents = [10000, 10001, 10002, 10002, 10001, 10001, 10002, 10003, 10003, 10002, 10002];

    [Fact]
    public void Two_constant_models_score_the_hand_computed_figures_on_the_same_samples()
    {
        var quotes = CraftedQuotes();
        var up = ConstantModel("up.onnx", [0.2f, 0.2f, 0.6f]);
        var flat = ConstantModel("flat.onnx", [0.1f, 0.8f, 0.1f]);

        var r = ModelComparison.Run([up, flat], [quotes], SimulatorOptions.Default, TimeSpan.FromSeconds(1), new MoveThreshold(0, false), 1_000_000_000);

        var d = r.Dataset;
        Assert.True(r.Models[0].Metrics.Samples == 10, $"samples {d.Samples.Rows} decisions {d.Decisions} unsynced {d.Unsynced} nonfinite {d.NonFiniteRows} times {string.Join(",", d.Samples.TimesNs.ToArray().Select(t => t / 1_000_000 % 100_000))}");
        Assert.Equal(2, r.Models.Count);
        var u = r.Models[0].Metrics;
        var f = r.Models[1].Metrics;
        foreach (var m in new[] { u, f })
        {
            Assert.Equal(10, m.Samples);
            Assert.Equal(6, m.MovedSamples);
            Assert.Equal([2, 4, 4], m.ClassCounts);
            Assert.Equal(0.4, m.MajorityBaseline, 6);         // flat (first of the tied most frequent)
            Assert.Equal(0.2, m.PersistenceBaseline, 6);
            Assert.Equal(2.0 / 6, m.PersistenceMovedAccuracy, 6);
        }
        Assert.Equal(0.4, u.Accuracy, 6);
        Assert.Equal(4.0 / 6, u.MovedAccuracy, 6);
        Assert.Equal(2 * 0.4 / 1.4 / 3, u.MacroF1, 6);           // up: precision 0.4, recall 1
        Assert.Equal(-(4 * Math.Log(0.6) + 6 * Math.Log(0.2)) / 10, u.LogLoss, 5);
        Assert.Equal(0.2, u.ExpectedCalibrationError, 5);        // says 0.6, right 0.4
        Assert.Equal(0.4, f.Accuracy, 6);
        Assert.Equal(0, f.MovedAccuracy, 6);
        Assert.Equal(2 * 0.4 / 1.4 / 3, f.MacroF1, 6);
        Assert.Equal(-(4 * Math.Log(0.8) + 6 * Math.Log(0.1)) / 10, f.LogLoss, 5);
        Assert.Equal(0.4, f.ExpectedCalibrationError, 5);        // says 0.8, right 0.4
        // Constant scores rank nothing (every pair tied: AUC 0.5); "up" (score +0.4) has the sign of the 4 up-moves of 6.
        Assert.Equal(0.5, r.Models[0].Ranking!.Auc, 9);
        Assert.Equal(4.0 / 6, r.Models[0].Ranking!.SignAccuracy, 9);
        Assert.Equal(6, r.RuleRanking!.MovedSamples);
        foreach (var m in r.Models)
        {
            Assert.Equal(10, m.Latency.Calls);
            Assert.True(m.Latency.MeanUs > 0 && m.Latency.P99Us >= m.Latency.MeanUs * 0.5, $"{m.Latency}");
        }
    }

    [Fact]
    public void Move_prior_scores_each_model_again_and_only_ever_lowers_p_move()
    {
        var quotes = CraftedQuotes();
        // 1 s models (the correction measures the realised share at the model's own horizon): 6 of the 10 one-second
        // windows move, 2 of the first 3.
        var up = ConstantModel("up.onnx", [0.2f, 0.2f, 0.6f], TimeSpan.FromSeconds(1));     // P(move) 0.8: more than realised
        var flat = ConstantModel("flat.onnx", [0.1f, 0.8f, 0.1f], TimeSpan.FromSeconds(1)); // P(move) 0.2: less, and it never raises

        var prior = new HftScalper.Inference.Calibration.MovePriorOptions { PriorSamples = 0 };
        var r = ModelComparison.Run([up, flat], [quotes], SimulatorOptions.Default, TimeSpan.FromSeconds(1), new MoveThreshold(0, false), 1_000_000_000,
            movePrior: prior);

        Assert.Equal([up, up + "+move-prior", flat, flat + "+move-prior"], r.Models.Select(m => m.Path));
        Assert.All(r.Models, m => Assert.Equal(10, m.Metrics.Samples));
        Assert.Equal(r.Models[2].Metrics.LogLoss, r.Models[3].Metrics.LogLoss, 9);
        Assert.Equal(r.Models[2].Metrics.Accuracy, r.Models[3].Metrics.Accuracy, 9);
        Assert.NotEqual(r.Models[0].Metrics.LogLoss, r.Models[1].Metrics.LogLoss, 6);  // lowered: P(flat) rose
        Assert.True(r.Models[1].Metrics.ExpectedCalibrationError < r.Models[0].Metrics.ExpectedCalibrationError,
            $"corrected ECE {r.Models[1].Metrics.ExpectedCalibrationError} raw {r.Models[0].Metrics.ExpectedCalibrationError}");
    }

    [Fact]
    public void Gate_scores_each_tabular_model_again_and_leaves_a_model_the_baseline_never_beat_alone()
    {
        var quotes = CraftedQuotes();
        var up = ConstantModel("up.onnx", [0.2f, 0.2f, 0.6f], TimeSpan.FromSeconds(1));
        var flat = ConstantModel("flat.onnx", [0.1f, 0.8f, 0.1f], TimeSpan.FromSeconds(1));

        var gate = new HftScalper.Inference.Calibration.BaselineGateOptions { Lead = 0, HalfLifeSamples = 1e12 };
        var r = ModelComparison.Run([up, flat], [quotes], SimulatorOptions.Default, TimeSpan.FromSeconds(1), new MoveThreshold(0, false), 1_000_000_000,
            movePrior: new HftScalper.Inference.Calibration.MovePriorOptions { PriorSamples = 0 }, gate: gate);

        Assert.Equal([up, up + "+gate", up + "+move-prior", up + "+move-prior+gate", flat, flat + "+gate", flat + "+move-prior", flat + "+move-prior+gate"],
            r.Models.Select(m => m.Path));
        Assert.All(r.Models, m => Assert.Equal(10, m.Metrics.Samples));
        // By hand (each sample resolves the one before it): "up" is right on samples 0, 1, 5, 6; the baseline (the class
        // table after the last move, ties to flat) says flat, up, up, up, up, up, up, up, up, flat and is right on 1, 5, 6
        // only, so it never leads and the gated "up" is the raw one.
        Assert.Equal(r.Models[0].Metrics.Accuracy, r.Models[1].Metrics.Accuracy, 9);
        Assert.Equal(r.Models[0].Metrics.LogLoss, r.Models[1].Metrics.LogLoss, 9);
        // "flat" is right on 2, 4, 7, 9: the baseline leads after sample 1 resolves (at sample 2) and serves "up" there,
        // which is wrong: the gate can lose to the model it replaced on a short book, and it changed the rows.
        Assert.NotEqual(r.Models[4].Metrics.LogLoss, r.Models[5].Metrics.LogLoss, 6);
    }

    [Fact]
    public void A_model_served_behind_its_gate_is_judged_at_the_asked_horizon_not_its_own()
    {
        var quotes = CraftedQuotes();
        var gate = new HftScalper.Inference.Calibration.BaselineGateOptions { Lead = 0, HalfLifeSamples = 1e12 };
        // A 1 s "flat" model that asks to be served behind the gate (no correction: MaxOffset 0), and the same model plain.
        var served = ConstantModel("served.onnx", [0.1f, 0.8f, 0.1f], TimeSpan.FromSeconds(1),
            new HftScalper.Inference.Calibration.MovePriorOptions { MaxOffset = 0, Gate = gate });
        var plain = ConstantModel("plain.onnx", [0.1f, 0.8f, 0.1f], TimeSpan.FromSeconds(1));
        var two = TimeSpan.FromSeconds(2);

        var r = ModelComparison.Run([served, plain], [quotes], SimulatorOptions.Default, two, new MoveThreshold(0, false), 1_000_000_000, gate: gate);

        Assert.Equal([served, plain, plain + "+gate"], r.Models.Select(m => m.Path));
        // Asked a 2 s question, the served model's gate resolves its samples at 2 s and learns the 2 s class table: the
        // same rows as the plain model gated at the comparison's horizon (at its own 1 s it resolved other samples
        // against other mids and served other rows).
        var s = r.Models[0].Metrics;
        var g = r.Models[2].Metrics;
        Assert.Equal(g.Accuracy, s.Accuracy, 9);
        Assert.Equal(g.LogLoss, s.LogLoss, 9);
        Assert.NotEqual(r.Models[1].Metrics.LogLoss, s.LogLoss, 6); // the gate did act
        // hft evaluate (one model, several horizons) judges each horizon's rows the same way.
        var (_, results) = EvaluationJob.Run(served, [quotes], SimulatorOptions.Default, [TimeSpan.FromSeconds(1), two], new MoveThreshold(0, false), 1_000_000_000);
        var atTwo = results.Single(x => x.Horizon == two).Metrics;
        Assert.Equal(g.Samples, atTwo.Samples);
        Assert.Equal(g.LogLoss, atTwo.LogLoss, 9);
        Assert.Equal(g.Accuracy, atTwo.Accuracy, 9);
    }

    // One Lean quote zip: a quote a second from 10:00:00 ET, both sides on each row; the spread alternates around the
    // mid so every row changes the top of book.
    private string CraftedQuotes()
    {
        var path = Path.Combine(_dir, "20131007_quote.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var w = new StreamWriter(zip.CreateEntry("20131007_xyz_Quote_Tick.csv").Open());
        for (int k = 0; k < MidCents.Length; k++)
        {
            long half = 100 * (1 + k % 2);
            long mid = MidCents[k] * 100L;
            w.Write($"{36_000_000 + k * 1000},{mid - half},{100 + k},{mid + half},{200 + k},P,0,0\n");
        }
        // Half a second later (no sample tick): the path goes on past 10 s, so the sample at 9 s is labelled.
        w.Write($"{36_010_500},{MidCents[^1] * 100L - 300},{99},{MidCents[^1] * 100L + 300},{99},P,0,0\n");
        return path;
    }

    // A real ONNX graph over the engine's schema whose scores are the same probabilities for any row:
    // Gemm(features, zeros, bias = probabilities). Metadata from the bundled model, so the contract and schema fit.
    private string ConstantModel(string name, float[] probabilities, TimeSpan? horizon = null, HftScalper.Inference.Calibration.MovePriorOptions? served = null)
    {
        var metadata = Evaluation.EvaluationJob.ReadMetadata(Path.Combine(TestData.RepoRoot, "models", "default.onnx"));
        int width = FeatureEngine.DefaultSchema.Count;
        var g = new GraphProto { Name = "constant" };
        g.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, width));
        g.Initializer.Add(OnnxGraph.FloatTensor("w", [3, width], new float[3 * width]));
        g.Initializer.Add(OnnxGraph.FloatTensor("b", [3], probabilities));
        g.Node.Add(OnnxGraph.Node("Gemm", "constant", [OnnxGraph.InputName, "w", "b"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("transB", 1)));
        g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, 3));
        var path = Path.Combine(_dir, name);
        OnnxModelFile.Save(OnnxGraph.Model(g, usesMlDomain: false), metadata with
        {
            Name = Path.GetFileNameWithoutExtension(name),
            OutputTensor = OnnxGraph.ScoresName,
            OutputNames = DirectionContract.Names,
            AdditionalOutputs = [],
            Horizon = horizon ?? metadata.Horizon,
            MovePrior = served, // by default a plain constant model: the bundled default's served correction/gate is not its own
        }, path);
        return path;
    }
}
