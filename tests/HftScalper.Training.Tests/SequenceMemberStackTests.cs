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

    [Fact]
    public void Two_members_a_warming_one_is_left_out_and_the_exported_graph_agrees_with_the_managed_ensemble_for_every_subset()
    {
        var (data, rows, labels, stack, z) = Stack();
        // Member 0 (e.g. an LSTM) warms on every 5th row, member 1 (e.g. a transformer) on every 3rd: all four subsets occur.
        var a = Member(rows, labels.Classes, seed: 7, warmingEvery: 5);
        var b = Member(rows, labels.Classes, seed: 8, warmingEvery: 3);
        int n = rows.Length;
        const int D = StackedEnsemble.MetaInputs;
        var both = new float[n * 6];
        for (int i = 0; i < n; i++) { a.AsSpan(i * 3, 3).CopyTo(both.AsSpan(i * 6, 3)); b.AsSpan(i * 3, 3).CopyTo(both.AsSpan(i * 6 + 3, 3)); }
        var byMask = new MetaLearner?[4];
        for (int mask = 1; mask < 4; mask++)
        {
            int dm = SequenceMemberStack.InputsOf(mask);
            var fit = Enumerable.Range(0, n).Where(i => (SequenceMemberStack.ReadyMask(both.AsSpan(i * 6, 6), 2) & mask) == mask).ToArray();
            var zm = new float[fit.Length * dm];
            for (int t = 0; t < fit.Length; t++) SequenceMemberStack.Inputs(z.AsSpan(fit[t] * D, D), both.AsSpan(fit[t] * 6, 6), 2, mask, zm.AsSpan(t * dm, dm));
            byMask[mask] = MetaLearner.Fit(zm, [.. fit.Select(i => labels.Classes[rows[i]])], dm);
        }
        var ensemble = new SequenceMemberStack(stack, 2, byMask);
        // The one-member ensemble of member 0 alone: what the pair must answer wherever member 1 warms and member 0 does not.
        var onlyA = new SequenceMemberStack(stack, byMask[1]!);

        var managed = new float[n * 3];
        var graph = Run(StackedExporter.Direction(ensemble, SyntheticMarket.Schema.Count), data.Samples, rows, both, members: 2);
        var seen = new int[4];
        var p = new float[3];
        for (int i = 0; i < n; i++)
        {
            var zi = z.AsSpan(i * D, D);
            ensemble.Predict(zi, both.AsSpan(i * 6, 6), managed.AsSpan(i * 3, 3));
            int mask = SequenceMemberStack.ReadyMask(both.AsSpan(i * 6, 6), 2);
            seen[mask]++;
            for (int k = 0; k < 3; k++)
                Assert.True(Math.Abs(managed[i * 3 + k] - graph[i * 3 + k]) < 1e-4, $"row {i} (subset {mask}) class {k}: managed {managed[i * 3 + k]} graph {graph[i * 3 + k]}");
            if (mask == 0) { stack.Meta.Predict(zi, p); Assert.True(p.AsSpan().SequenceEqual(managed.AsSpan(i * 3, 3)), $"row {i}: both warming is not the stack alone"); }
            if (mask == 1) { onlyA.Predict(zi, a.AsSpan(i * 3, 3), p); Assert.True(p.AsSpan().SequenceEqual(managed.AsSpan(i * 3, 3)), $"row {i}: member 1 warming is not the ensemble without it"); }
        }
        Assert.All(seen, c => Assert.True(c > 50, $"subsets seen: {string.Join(", ", seen)}"));

        // Walk-forward with both members: a row where neither answered is the stack alone.
        var result = new ModelTrainer(Options with { Stacking = true, StackCandidate = true, TrainReturnModel = false })
            .Train(data, SyntheticMarket.RegimeColumn, (RegimeBlend.For(SyntheticMarket.Schema)!, null));
        var folds = result.StackFolds!;
        var members = new[] { 5, 3 }.Select((every, m) => (IReadOnlyList<float[]>)[.. folds.Select(f => Member(f.Fold.Test, labels.Classes, seed: 10 * m + f.Fold.Index, warmingEvery: every))]).ToList();
        var run = SequenceMemberStacking.Run(folds, members, labels, data.Samples.TimesNs)!;
        Assert.Equal(SequenceMemberStack.InputsOf(3), run.Final.Inputs);
        Assert.All(Enumerable.Range(1, 3), mask => Assert.NotNull(run.ByMask[mask]));
        for (int i = 0; i < run.Rows.Length; i++)
            if (!run.MemberReady[i]) Assert.True(run.WithMember.AsSpan(i * 3, 3).SequenceEqual(run.WithoutMember.AsSpan(i * 3, 3)), $"row {i}: warming members changed the prediction");
        Assert.Contains(false, run.MemberReady);
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

    // The exported graph run by ONNX Runtime with its three inputs (a warming member: scores 1/3, ready 0, as serving feeds it).
    private static float[] Run(Inference.Onnx.Proto.ModelProto proto, FeatureMatrix samples, int[] rows, float[] member, int members = 1)
    {
        using var session = new InferenceSession(proto.ToByteArray());
        int n = rows.Length, f = samples.Width;
        var x = new float[n * f];
        var s = new float[n * 3 * members];
        var r = new float[n * members];
        for (int i = 0; i < n; i++)
        {
            samples.Row(rows[i]).CopyTo(x.AsSpan(i * f, f));
            for (int m = 0; m < members; m++)
            {
                int at = (i * members + m) * 3;
                bool ready = float.IsFinite(member[at]);
                for (int k = 0; k < 3; k++) s[at + k] = ready ? member[at + k] : 1f / 3;
                r[i * members + m] = ready ? 1 : 0;
            }
        }
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor(Inference.Onnx.OnnxGraph.InputName, new DenseTensor<float>(x, [n, f])),
            NamedOnnxValue.CreateFromTensor(SequenceMemberSlot.ScoresInput, new DenseTensor<float>(s, [n, 3 * members])),
            NamedOnnxValue.CreateFromTensor(SequenceMemberSlot.ReadyInput, new DenseTensor<float>(r, [n, members])),
        ]);
        return [.. results.First(v => v.Name == Inference.Onnx.OnnxGraph.ScoresName).AsEnumerable<float>()];
    }

    private static double LogLoss(float[] p, int[] classes, int[] rows, int[] at) =>
        at.Average(i => -Math.Log(Math.Max(p[i * 3 + classes[rows[i]]], 1e-7)));
}
