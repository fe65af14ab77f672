using System.Text.Json.Nodes;
using Google.Protobuf;
using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using HftScalper.Training.WarmStart;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;

namespace HftScalper.Training.Tests;

/// <summary>
/// Gradient warm start (<c>hft train --warm-start</c>, <c>--transfer warm-start</c>): boosting continued from an exported
/// model's raw scores through LightGBM's C API, written as the base graph with the new trees appended. Checked through
/// ONNX Runtime and the compiled tree evaluator on models the real exporter wrote.
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(5);
    private static readonly GbmParameters Fine = new(7, 0.1, 20, 80, 1, 1, 10);
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-warmstart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A base model trained by the real trainer and exporter on the synthetic market (flow drives the mid), with its labelling.
    private string Base(DirectionForm form, bool regimes, double moveOffset = 0)
    {
        var options = new TrainingOptions
        {
            FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
            WalkForward = new WalkForwardOptions { Folds = 2 },
            MinRegimeSamples = 300,
            Form = form,
        };
        var ml = new MLContext(1);
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(Horizon);
        var rows = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var trainer = new RegimeTrainer(ml, data, labels, options, SyntheticMarket.RegimeColumn);
        var direction = trainer.Direction(rows, options.FixedParameters!, regimes);
        if (form == DirectionForm.TwoStage) direction = direction.Select(m => m.WithMoveOffset(moveOffset));
        var result = new TrainingResult(direction, null, regimes, options.FixedParameters!, [], [],
            ModelTrainer.Metrics(new float[rows.Length * 3], labels, rows, 1), null, rows.Length, rows.Length,
            data.Samples.TimesNs[0], data.Samples.TimesNs[^1], TimeSpan.Zero, 0);
        var path = Path.Combine(_dir, $"base-{form}-{regimes}.onnx");
        var labelling = new JsonObject { ["threshold"] = "1ticks", ["horizonMs"] = 5000 };
        ModelExport.Save(result, SyntheticMarket.Schema, Horizon, path, "base", "synthetic", labelling);
        if (form == DirectionForm.TwoStage && moveOffset != 0) SetMetric(path, "moveLogitOffset", moveOffset);
        return path;
    }

    // ModelTrainer writes the chosen offset into the metrics; this test path builds the result by hand, so it adds it.
    private static void SetMetric(string path, string key, double value)
    {
        ModelProto proto;
        using (var fs = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(fs);
        var entry = proto.MetadataProps.Single(p => p.Key == "hft.validation_metrics");
        var json = JsonNode.Parse(entry.Value)!.AsObject();
        json[key] = value;
        entry.Value = json.ToJsonString();
        File.WriteAllBytes(path, proto.ToByteArray());
    }

    private static int[] Labelled(HorizonLabels labels, int from = 0, int to = int.MaxValue) =>
        [.. Enumerable.Range(from, Math.Min(to, labels.Classes.Length) - from).Where(i => labels.Classes[i] >= 0)];

    private string Save(WarmStartModel model, FeatureMatrix samples, string name)
    {
        var path = Path.Combine(_dir, name);
        var result = new WarmStartFit.Result(model, null, null, samples.Rows, samples.TimesNs[0], samples.TimesNs[^1], 0);
        WarmStartFit.Save(result, path, name, "test", new JsonObject { ["threshold"] = "1ticks", ["horizonMs"] = 5000 }, keepMovePrior: true);
        return path;
    }

    private static float[] Serve(string path, FeatureMatrix samples, int[] rows, bool compiled, out string evaluator)
    {
        using var model = new ModelLoader(SyntheticMarket.Schema, ServingOptions.CpuOnly(1) with { CompileTrees = compiled }, NullLogger.Instance)
            .Load(path, ModelRole.Direction);
        evaluator = model.Evaluator;
        var output = new float[rows.Length * 3];
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(PredictStatus.Ok, model.Predict(samples.Row(rows[i]), 1, output.AsSpan(i * 3, 3)));
        return output;
    }

    [Theory]
    [InlineData(DirectionForm.TwoStage, false)]
    [InlineData(DirectionForm.TwoStage, true)]
    [InlineData(DirectionForm.OneVsRest, false)]
    public void With_no_round_added_the_written_model_scores_bit_for_bit_as_the_base(DirectionForm form, bool regimes)
    {
        var basePath = Base(form, regimes, moveOffset: form == DirectionForm.TwoStage ? 0.7 : 0);
        var b = BaseEnsemble.Load(basePath);
        var data = SyntheticMarket.Labeled(1500, seed: 11);
        var labels = data.At(Horizon);
        var rows = Labelled(labels);

        var none = WarmStartTrainer.Train(b, data.Samples, labels, rows, Fine with { MaxIterations = 0 }, seed: 1);
        var path = Save(none, data.Samples, "zero.onnx");

        Assert.Empty(none.Added);
        var expected = Serve(basePath, data.Samples, rows, compiled: false, out _);
        var actual = Serve(path, data.Samples, rows, compiled: false, out var evaluator);
        Assert.Equal("onnxruntime", evaluator);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"value {i}: base {expected[i]:R}, warm start {actual[i]:R}");
        // The managed logits the trainer starts from are the graph's own, to float rounding.
        var managed = none.Predict(data.Samples, rows);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], managed[i], 1e-5);
    }

    [Theory]
    [InlineData(DirectionForm.TwoStage, true)]
    [InlineData(DirectionForm.OneVsRest, false)]
    public void The_composed_graph_is_the_base_plus_the_new_trees_and_the_compiled_evaluator_serves_it_as_onnxruntime_does(DirectionForm form, bool regimes)
    {
        var b = BaseEnsemble.Load(Base(form, regimes, moveOffset: form == DirectionForm.TwoStage ? 0.7 : 0));
        var data = SyntheticMarket.Labeled(2000, seed: 12, signal: -0.3);
        var labels = data.At(Horizon);
        var rows = Labelled(labels);

        var model = WarmStartTrainer.Train(b, data.Samples, labels, rows, Fine, seed: 1);
        if (form == DirectionForm.TwoStage) model = model.WithMoveOffset(-0.4); // re-chosen: one constant tree moves the base's 0.7
        var path = Save(model, data.Samples, "composed.onnx");

        Assert.NotEmpty(model.Added);
        var managed = model.Predict(data.Samples, rows);
        var ort = Serve(path, data.Samples, rows, compiled: false, out _);
        var compiled = Serve(path, data.Samples, rows, compiled: true, out var evaluator);
        Assert.NotEqual("onnxruntime", evaluator);
        for (int i = 0; i < ort.Length; i++)
        {
            Assert.Equal(ort[i], managed[i], 1e-5);
            Assert.Equal(ort[i], compiled[i], 1e-6);
        }
    }

    [Fact]
    public void Fine_tuning_learns_a_planted_symbol_specific_relation_the_base_gets_wrong()
    {
        // The base learnt "flow pushes the mid its way"; on this symbol flow pushes it the other way, twice as hard.
        var b = BaseEnsemble.Load(Base(DirectionForm.TwoStage, regimes: false));
        var data = SyntheticMarket.Labeled(3000, seed: 21, signal: -0.3);
        var labels = data.At(Horizon);
        int cut = data.Samples.Rows * 2 / 3;
        var train = Labelled(labels, 0, cut - 60);
        var test = Labelled(labels, cut);

        var model = WarmStartTrainer.Train(b, data.Samples, labels, train, Fine, seed: 1);
        var warm = ModelTrainer.Metrics(model.Predict(data.Samples, test), labels, test, -1);
        var plain = ModelTrainer.Metrics(new WarmStartModel(b, [], []).Predict(data.Samples, test), labels, test, -1);

        Assert.True(warm.MovedAccuracy > plain.MovedAccuracy + 0.2,
            $"moved accuracy on held-out rows: warm start {warm.MovedAccuracy:0.000}, base {plain.MovedAccuracy:0.000}");
        Assert.True(warm.LogLoss < plain.LogLoss - 0.05, $"log-loss: warm start {warm.LogLoss:0.000}, base {plain.LogLoss:0.000}");
        Assert.Contains(model.Heads, h => h.Head == "upGivenMove" && h.Trees > 0);
    }

    [Fact]
    public void The_same_rows_and_base_give_the_same_trees_and_the_same_file_graph()
    {
        var b = BaseEnsemble.Load(Base(DirectionForm.TwoStage, regimes: true, moveOffset: 0.7));
        var data = SyntheticMarket.Labeled(2000, seed: 13, signal: -0.2);
        var labels = data.At(Horizon);
        var rows = Labelled(labels);

        var first = WarmStartTrainer.Train(b, data.Samples, labels, rows, Fine, seed: 1);
        var second = WarmStartTrainer.Train(BaseEnsemble.Load(b.Path), data.Samples, labels, rows, Fine, seed: 1);

        Assert.NotEmpty(first.Added);
        Assert.Equal(first.Heads, second.Heads);
        Assert.Equal(b.Compose(first.Added).Graph.ToByteArray(), b.Compose(second.Added).Graph.ToByteArray());
    }

    [Fact]
    public void A_base_trained_on_another_feature_list_or_schema_is_refused_naming_what_differs()
    {
        var b = BaseEnsemble.Load(Base(DirectionForm.TwoStage, regimes: false));
        var renamed = new FeatureSchema(1,
        [
            new FeatureDefinition("flow", "z"), new FeatureDefinition("noise_a", "z"),
            new FeatureDefinition("regime_label", "class"), new FeatureDefinition("imbalance", "z"),
        ]);
        var wider = new FeatureSchema(1, [.. SyntheticMarket.Schema.Features, new FeatureDefinition("extra", "z")]);
        var redefined = new FeatureSchema(2, SyntheticMarket.Schema.Features);

        var names = Assert.Throws<InvalidDataException>(() => WarmStartFit.CheckSchema(b, renamed));
        var width = Assert.Throws<InvalidDataException>(() => WarmStartFit.CheckSchema(b, wider));
        var hash = Assert.Throws<InvalidDataException>(() => WarmStartFit.CheckSchema(b, redefined));
        WarmStartFit.CheckSchema(b, SyntheticMarket.Schema);

        Assert.Contains("column 3 is 'noise_b' in the model, 'imbalance' in the data", names.Message, StringComparison.Ordinal);
        Assert.Contains("the model has 4 columns, the data 5", width.Message, StringComparison.Ordinal);
        Assert.Contains("declares feature schema", hash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_double_threshold_becomes_the_float_that_sends_every_float_input_the_same_way()
    {
        var rng = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            float below = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 8)));
            float above = MathF.BitIncrement(below);
            double t = below + (above - (double)below) * rng.NextDouble(); // strictly between two adjacent floats, or on one
            float f = LightGbmTextTrees.FloatAtOrBelow(t);
            foreach (float x in (float[])[MathF.BitDecrement(below), below, above, MathF.BitIncrement(above)])
                Assert.True(x <= t == x <= f, $"x {x:R}, LightGBM threshold {t:R}, exported {f:R}");
        }
    }

    [Fact]
    public void A_graph_that_is_not_one_tree_ensemble_feeding_a_sigmoid_is_refused()
    {
        var path = Base(DirectionForm.TwoStage, regimes: false);
        ModelProto proto;
        using (var fs = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(fs);
        var sigmoid = proto.Graph.Node.Single(n => n.OpType == "Sigmoid");
        sigmoid.OpType = "Softmax";
        var bad = Path.Combine(_dir, "softmax.onnx");
        File.WriteAllBytes(bad, proto.ToByteArray());

        var e = Assert.Throws<InvalidDataException>(() => BaseEnsemble.Load(bad));
        Assert.Contains("do not feed one Sigmoid", e.Message, StringComparison.Ordinal);
    }
}
