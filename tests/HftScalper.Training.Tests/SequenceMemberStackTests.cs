using HftScalper.Inference.Ensemble;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Export;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Google.Protobuf;

namespace HftScalper.Training.Tests;

/// <summary>
/// A sequence member joins the stacked regime ensemble: the meta-learner with the member uses it where it answers, and
/// where it is warming (no window yet) the ensemble gives exactly the stack without it, both in the managed model, in
/// the walk-forward stacking and in the exported graph run by ONNX Runtime.
/// </summary>
public sealed class SequenceMemberStackTests
{
    private static readonly TrainingOptions Options = new()
    {
        FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
        WalkForward = new WalkForwardOptions { Folds = 3 },
        MinRegimeSamples = 300,
    };

    [Fact]
    public void A_warming_member_contributes_nothing_and_the_exported_graph_agrees_with_the_managed_ensemble()
    {
        var (data, rows, labels, stack, z) = Stack();
        // An informative member (it leans towards the true class) that is warming on every 5th row.
        var member = Member(rows, labels.Classes, seed: 7, warmingEvery: 5);
        const int D = StackedEnsemble.MetaInputs, DM = SequenceMemberStack.MetaInputs;
        var zm = new float[rows.Length * DM];
        for (int i = 0; i < rows.Length; i++) SequenceMemberStack.Inputs(z.AsSpan(i * D, D), member.AsSpan(i * 3, 3), zm.AsSpan(i * DM, DM));
        var ready = Enumerable.Range(0, rows.Length).Where(i => float.IsFinite(member[i * 3])).ToArray();
        var ensemble = new SequenceMemberStack(stack, MetaLearner.Fit([.. ready.SelectMany(i => zm.AsSpan(i * DM, DM).ToArray())], [.. ready.Select(i => labels.Classes[rows[i]])], DM));

        var managed = new float[rows.Length * 3];
        var alone = new float[rows.Length * 3];
        for (int i = 0; i < rows.Length; i++)
        {
            ensemble.Predict(z.AsSpan(i * D, D), member.AsSpan(i * 3, 3), managed.AsSpan(i * 3, 3));
            stack.Meta.Predict(z.AsSpan(i * D, D), alone.AsSpan(i * 3, 3));
        }
        var graph = Run(StackedExporter.Direction(ensemble, SyntheticMarket.Schema.Count), data.Samples, rows, member);

        int warming = 0, changed = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            bool isReady = float.IsFinite(member[i * 3]);
            for (int k = 0; k < 3; k++)
            {
                Assert.True(Math.Abs(managed[i * 3 + k] - graph[i * 3 + k]) < 1e-4, $"row {i} class {k}: managed {managed[i * 3 + k]} graph {graph[i * 3 + k]}");
                if (!isReady) Assert.Equal(alone[i * 3 + k], managed[i * 3 + k]); // bit for bit the stack without the member
            }
            if (!isReady) warming++;
            else if (Math.Abs(managed[i * 3] - alone[i * 3]) > 1e-3) changed++;
        }
        Assert.True(warming > rows.Length / 10, $"{warming} warming rows");
        Assert.True(changed > ready.Length / 2, $"the member changed only {changed} of {ready.Length} rows");
        // The member carries signal the trees do not: the meta-learner uses it (in-sample log-loss falls on its rows).
        Assert.True(LogLoss(managed, labels.Classes, rows, ready) < LogLoss(alone, labels.Classes, rows, ready) - 0.05);
    }

    [Fact]
    public void Walk_forward_stacking_serves_the_stack_alone_where_the_member_had_no_window()
    {
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(Options.Horizon);
        var result = new ModelTrainer(Options with { Stacking = true, StackCandidate = true, TrainReturnModel = false })
            .Train(data, SyntheticMarket.RegimeColumn, (RegimeBlend.For(SyntheticMarket.Schema)!, null));
        Assert.NotNull(result.StackCandidate);
        var folds = result.StackFolds!;
        Assert.Equal(3, folds.Count);
        var member = folds.Select(f => Member(f.Fold.Test, labels.Classes, seed: f.Fold.Index, warmingEvery: 4)).ToList();

        var run = SequenceMemberStacking.Run(folds, member, labels, data.Samples.TimesNs)!;

        Assert.Equal(folds[1].Fold.Test.Length + folds[2].Fold.Test.Length, run.Rows.Length);
        Assert.Equal(SequenceMemberStack.MetaInputs, run.Final.Inputs);
        int differs = 0;
        for (int i = 0; i < run.Rows.Length; i++)
        {
            var with = run.WithMember.AsSpan(i * 3, 3);
            var without = run.WithoutMember.AsSpan(i * 3, 3);
            if (!run.MemberReady[i]) Assert.True(with.SequenceEqual(without), $"row {i}: a warming member changed the prediction");
            else if (Math.Abs(with[0] - without[0]) > 1e-3) differs++;
        }
        Assert.Contains(false, run.MemberReady);
        Assert.True(differs > run.MemberReady.Count(x => x) / 2, $"the member changed only {differs} rows");
        // The meta rows that scored fold 2 end before its test block (purged): the stacking reuses StackingTrainer's rows.
        long testStart = data.Samples.TimesNs[folds[2].Fold.Test[0]];
        var (_, y) = StackingTrainer.MetaRows([.. folds.Select(f => f.Fold)], [.. folds.Select(f => f.MetaInputs)], labels, 2, testStart);
        Assert.True(y.Length > 0);
    }

    private static (LabeledDataset, int[], Labels.HorizonLabels, StackedEnsemble, float[]) Stack()
    {
        var ml = new MLContext(1);
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(Options.Horizon);
        var rows = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var trainer = new RegimeTrainer(ml, data, labels, Options with { Form = DirectionForm.TwoStage }, SyntheticMarket.RegimeColumn);
        var global = trainer.Direction(rows, Options.FixedParameters!, false);
        var byRegime = trainer.RegimeModels(rows, Options.FixedParameters!);
        var blend = RegimeBlend.For(SyntheticMarket.Schema)!;
        var z = StackedEnsemble.Inputs(ml, Predictions.Direction(ml, global, data.Samples, rows), byRegime, blend, null, data.Samples, rows);
        var stack = new StackedEnsemble(global.Global, byRegime, blend, null, MetaLearner.Fit(z, [.. rows.Select(r => labels.Classes[r])], StackedEnsemble.MetaInputs));
        return (data, rows, labels, stack, z);
    }

    // A member leaning towards the true class (P 0.5 on it, noise on the rest), NaN (warming) on every n-th row.
    private static float[] Member(int[] rows, int[] classes, int seed, int warmingEvery)
    {
        var rng = new Random(seed);
        var p = new float[rows.Length * 3];
        for (int i = 0; i < rows.Length; i++)
        {
            var pi = p.AsSpan(i * 3, 3);
            if (i % warmingEvery == 0) { pi.Fill(float.NaN); continue; }
            for (int k = 0; k < 3; k++) pi[k] = 0.2f + 0.3f * (float)rng.NextDouble();
            int c = classes[rows[i]];
            if (c >= 0 && rng.NextDouble() < 0.7) pi[c] += 0.6f;
            float sum = pi[0] + pi[1] + pi[2];
            for (int k = 0; k < 3; k++) pi[k] /= sum;
        }
        return p;
    }

    // The exported graph run by ONNX Runtime with its three inputs (a warming row: scores 1/3, ready 0, as serving feeds it).
    private static float[] Run(Inference.Onnx.Proto.ModelProto proto, FeatureMatrix samples, int[] rows, float[] member)
    {
        using var session = new InferenceSession(proto.ToByteArray());
        int n = rows.Length, f = samples.Width;
        var x = new float[n * f];
        var s = new float[n * 3];
        var r = new float[n];
        for (int i = 0; i < n; i++)
        {
            samples.Row(rows[i]).CopyTo(x.AsSpan(i * f, f));
            bool ready = float.IsFinite(member[i * 3]);
            for (int k = 0; k < 3; k++) s[i * 3 + k] = ready ? member[i * 3 + k] : 1f / 3;
            r[i] = ready ? 1 : 0;
        }
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor(Inference.Onnx.OnnxGraph.InputName, new DenseTensor<float>(x, [n, f])),
            NamedOnnxValue.CreateFromTensor(SequenceMemberSlot.ScoresInput, new DenseTensor<float>(s, [n, 3])),
            NamedOnnxValue.CreateFromTensor(SequenceMemberSlot.ReadyInput, new DenseTensor<float>(r, [n, 1])),
        ]);
        return [.. results.First(v => v.Name == Inference.Onnx.OnnxGraph.ScoresName).AsEnumerable<float>()];
    }

    private static double LogLoss(float[] p, int[] classes, int[] rows, int[] at) =>
        at.Average(i => -Math.Log(Math.Max(p[i * 3 + classes[rows[i]]], 1e-7)));
}
