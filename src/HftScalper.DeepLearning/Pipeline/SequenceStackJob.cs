using System.Text.Json.Nodes;
using HftScalper.Features.Regime;
using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Export;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>
/// <c>hft train --stacked --family lstm|transformer</c>: the stacked regime ensemble of the tree job with a sequence
/// model as one more member. (1) The sequence job (<see cref="SequenceTrainingJob"/>, first candidate) trains the member
/// walk-forward and on every window, and writes it to <c>NAME.member.onnx</c>; (2) the tree job on the same data and
/// feature profile fits the stack (global, regime members, rule; its meta-learner on out-of-fold predictions) and keeps
/// each fold's meta inputs; (3) <see cref="SequenceMemberStacking"/> fits the meta-learner with the member on the
/// member's out-of-fold predictions of the same folds, purged; (4) the ensemble is written as one graph with the
/// member's file embedded (<see cref="SequenceMemberSlot"/>), and the stack alone beside it (<c>NAME.stack.onnx</c>:
/// what the ensemble serves while the member warms). Nothing is kept or dropped by score: the report says how the
/// ensemble did with and without the member on the same out-of-fold rows.
/// </summary>
public static class SequenceStackJob
{
    /// <summary>What the job wrote and how the ensemble scored out of fold.</summary>
    /// <param name="Report">The JSON report (<c>sequenceMember</c> keys; also stored in the ensemble's metrics).</param>
    /// <param name="Paths">Ensemble, stack alone, then each member.</param>
    /// <param name="Dataset">The tree job's dataset.</param>
    public sealed record Result(JsonObject Report, IReadOnlyList<string> Paths, ReplayDataset Dataset);

    /// <summary>Runs the job with one member; progress lines go to <paramref name="log"/>.</summary>
    public static Result Run(TrainingJobOptions options, SequenceTrainingOptions sequence, SequenceFamily family, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(family);
        return Run(options, [(sequence, family)], log);
    }

    /// <summary>
    /// Runs the job with <paramref name="members"/> (one to <see cref="SequenceMemberSlot.MaxMembers"/>, e.g. an LSTM and
    /// a transformer): each is trained as in the one-member job (the first one's fitted feature profile is reused by the
    /// others and the stack), and the ensemble holds a meta-learner per subset of them; progress lines go to <paramref name="log"/>.
    /// </summary>
    public static Result Run(TrainingJobOptions options, IReadOnlyList<(SequenceTrainingOptions Sequence, SequenceFamily Family)> members, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 1 || members.Count > SequenceMemberSlot.MaxMembers)
            throw new ArgumentException($"1 to {SequenceMemberSlot.MaxMembers} sequence members, {members.Count} given", nameof(members));
        log ??= _ => { };
        var ensemblePath = Path.GetFullPath(options.OutputPath);
        string stem = Path.Combine(Path.GetDirectoryName(ensemblePath)!, Path.GetFileNameWithoutExtension(ensemblePath));
        string stackPath = stem + ".stack.onnx";
        string familyName = string.Join("+", members.Select(m => m.Family.Name));

        // (1) The members, walk-forward and final, each with its own metadata (the first one's profile is fitted, then reused).
        var memberPaths = new List<string>();
        var trained = new List<SequenceTrainingResult>();
        JsonObject? profileJson = null;
        FeatureProfile? profile = null;
        ReplayDataset? memberData = null;
        foreach (var (sequence, family) in members)
        {
            string memberPath = members.Count == 1 ? stem + ".member.onnx" : stem + ".member-" + family.Name + ".onnx";
            var memberOptions = options with { OutputPath = memberPath, ModelName = options.ModelName + "-" + family.Name };
            if (profile is not null) memberOptions = memberOptions with { FeatureProfile = profile, FeatureProfileSource = $"fitted by the first member's job ({Path.GetFileName(memberPaths[0])})" };
            var (result, replayed, _, json) = SequenceTrainingJob.Run(memberOptions, sequence with { Candidates = 1 }, family, log);
            if (memberData is not null && !replayed.Samples.TimesNs.SequenceEqual(memberData.Samples.TimesNs))
                throw new InvalidDataException($"member {family.Name} replayed {replayed.Samples.Rows} samples, the first member {memberData.Samples.Rows}: their folds would not match");
            profileJson ??= json;
            profile ??= EvaluationJob.ReadMetadata(memberPath).FeatureProfile;
            memberData ??= replayed;
            memberPaths.Add(memberPath);
            trained.Add(result);
        }

        // (2) The stack on the same rows, folds and profile.
        var tabular = options with
        {
            OutputPath = stackPath,
            FeatureProfile = profile,
            FeatureProfileSource = $"fitted by the member's job ({Path.GetFileName(memberPaths[0])})",
            Training = options.Training with { Stacking = true, StackCandidate = true, TrainReturnModel = false },
        };
        var job = TrainingJob.Run(tabular, log);
        var r = job.Training;
        if (r.StackCandidate is not { } stack || r.StackFolds is not { } folds)
            throw new InvalidDataException("no stacked ensemble came out (it needs the regime column and at least two walk-forward folds)");
        var data = job.Dataset;
        if (!data.Samples.TimesNs.SequenceEqual(memberData!.Samples.TimesNs))
            throw new InvalidDataException($"the member's replay gave {memberData.Samples.Rows} samples, the stack's {data.Samples.Rows}: their folds would not match");
        var labels = data.Label([options.Training.Horizon], options.Training.Threshold).At(options.Training.Horizon);
        var memberFolds = trained.Select(t => (IReadOnlyList<float[]>)Align(folds, t.OutOfFold)).ToList();

        // (3) The meta-learners with the members, walk-forward.
        var run = SequenceMemberStacking.Run(folds, memberFolds, labels, data.Samples.TimesNs)
            ?? throw new InvalidDataException("the members never all answered on an out-of-fold row: no meta-learner with them can be fitted");
        int majority = DirectionMetrics.MajorityOf(labels.Classes, folds[0].Fold.Train);
        var with = ModelTrainer.Metrics(run.WithMember, labels, run.Rows, majority);
        var without = ModelTrainer.Metrics(run.WithoutMember, labels, run.Rows, majority);
        int ready = run.MemberReady.Count(x => x);
        log($"ensemble with the {familyName} member(s) (folds 1..{folds.Count - 1}, member on {ready} of {run.Rows.Length} rows): {with.Summary()}");
        log($"the same stack without it, same rows: {without.Summary()}");
        var report = new JsonObject
        {
            ["family"] = familyName,
            ["rows"] = run.Rows.Length,
            ["memberRows"] = ready,
            ["withMember"] = with.ToJson(),
            ["withoutMember"] = without.ToJson(),
            ["memberOutOfSample"] = trained[0].OutOfSample.ToJson(),
            ["stacking"] = r.StackingReport?.DeepClone(),
        };

        // (4) The stack alone, then the ensemble with the member embedded (same metadata, its report added).
        if (members.Count > 1)
        {
            var each = new JsonObject();
            for (int m = 0; m < members.Count; m++) each[members[m].Family.Name] = trained[m].OutOfSample.ToJson();
            report["membersOutOfSample"] = each;
        }
        var ensemble = new SequenceMemberStack(stack, members.Count, run.ByMask);
        var stackOnly = ModelExport.Save(r with { Stacked = stack, Return = null }, data.Schema, options.Training.Horizon, stackPath, options.ModelName + "-stack",
            $"stacked regime ensemble without the sequence member; {data.Description}", job.Labelling, profile, profileJson);
        var stackProto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(stackOnly[0]));
        var props = stackProto.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var md = ModelMetadata.Parse(props);
        var metrics = JsonNode.Parse(md.ValidationMetricsJson)!.AsObject();
        metrics["sequenceMember"] = report.DeepClone();
        metrics["arrangement"] = stack.Describe() + " + " + string.Join(" + ", members.Select((m, k) => $"{m.Family.Name} member ({trained[k].Arrangement})"))
            + "; a warming member is left out (the stack's own meta-learner serves while all warm)";
        var proto = StackedExporter.Direction(ensemble, data.Schema.Count);
        OnnxModelFile.SetMetadata(proto, md with
        {
            Name = options.ModelName,
            ValidationMetricsJson = metrics.ToJsonString(),
            DataDescription = $"stacked regime ensemble with {familyName} member(s); {data.Description}",
        });
        for (int m = 0; m < memberPaths.Count; m++)
            proto.MetadataProps.Add(new StringStringEntryProto { Key = SequenceMemberSlot.KeyOf(m), Value = Convert.ToBase64String(File.ReadAllBytes(memberPaths[m])) });
        OnnxModelFile.Write(proto, ensemblePath);
        return new Result(report, [ensemblePath, stackOnly[0], .. memberPaths], data);
    }

    // The member's walk-forward probabilities on each stack fold's test rows (NaN where it had no window).
    private static float[][] Align(IReadOnlyList<(Training.Validation.Fold Fold, float[] MetaInputs)> folds,
        IReadOnlyList<(Training.Validation.Fold Fold, int[] Rows, float[] Probabilities)> member)
    {
        const int C = DirectionClass.Count;
        if (member.Count != folds.Count) throw new InvalidDataException($"the member has {member.Count} folds, the stack {folds.Count}");
        var result = new float[folds.Count][];
        for (int j = 0; j < folds.Count; j++)
        {
            var at = new Dictionary<int, int>();
            for (int i = 0; i < member[j].Rows.Length; i++) at[member[j].Rows[i]] = i;
            var test = folds[j].Fold.Test;
            var p = result[j] = new float[test.Length * C];
            Array.Fill(p, float.NaN);
            for (int i = 0; i < test.Length; i++)
                if (at.TryGetValue(test[i], out int m)) member[j].Probabilities.AsSpan(m * C, C).CopyTo(p.AsSpan(i * C, C));
        }
        return result;
    }
}
