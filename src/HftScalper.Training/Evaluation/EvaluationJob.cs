using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// <c>hft evaluate</c>: replays held-out data through the feature pipeline, scores the model file with ONNX Runtime
/// (the serving path) and reports, per horizon, the direction metrics beside the majority and persistence baselines.
/// Samples and labels follow the model's own labelling (threshold and sampling clock from its metadata) unless overridden.
/// </summary>
public static class EvaluationJob
{
    /// <summary>Evaluates <paramref name="modelPath"/> on <paramref name="files"/> (none = the simulator with <paramref name="simulator"/>).</summary>
    public static (ReplayDataset Dataset, IReadOnlyList<(TimeSpan Horizon, DirectionMetrics Metrics)> Results) Run(string modelPath,
        IReadOnlyList<string> files, SimulatorOptions simulator, IReadOnlyList<TimeSpan>? horizons = null, MoveThreshold? threshold = null,
        long? sampleIntervalNs = null, string? symbol = null, Action<string>? log = null, ReplayMarket? market = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var metadata = ReadMetadata(modelPath);
        // A sequence model reads windows, not rows: only --compare cuts them (this path would fail on every batch).
        if (SequenceScorer.IsSequence(metadata))
            throw new InvalidDataException($"{Path.GetFileName(modelPath)} is a sequence model ({metadata.SequenceLength} rows per window): evaluate it with --compare {Path.GetFileName(modelPath)} FILE..., which scores it on the windows its training cut");
        var contract = DirectionContractOf(modelPath);
        var t = Inference.Calibration.MovePriorServing.AskedThreshold(contract, threshold);
        long interval = sampleIntervalNs ?? contract.SampleIntervalNs ?? 1_000_000_000;
        var hs = horizons is { Count: > 0 } ? horizons : [contract.Horizon];
        // The model's own feature profile (fitted GARCH and activity baseline): the features it was trained on.
        var data = ReplayDataset.Build(files, simulator, interval, symbol, market, log, metadata.FeatureOptions());
        var samples = data.Samples;
        if (samples.Rows == 0) throw new InvalidDataException(data.NoSamplesMessage);
        var labelled = data.Label(hs, t);
        var all = Enumerable.Range(0, samples.Rows).ToArray();
        // A model that asks for the move-prior correction is scored as it serves: the correction at its own horizon,
        // its baseline gate judging at the evaluated horizon (the baseline it must beat is that horizon's).
        var served = Inference.Calibration.MovePriorServing.For(metadata, contract);
        var raw = OnnxScorer.Score(modelPath, data.Schema, samples, all, ModelRole.Direction, out _);
        var results = new List<(TimeSpan, DirectionMetrics)>();
        foreach (var h in hs)
        {
            var probabilities = ServedAt(raw, data, served, h, t);
            var labels = labelled.At(h);
            var rows = all.Where(i => labels.Classes[i] >= 0).ToArray();
            var p = new float[rows.Length * DirectionClass.Count];
            for (int i = 0; i < rows.Length; i++) probabilities.AsSpan(rows[i] * DirectionClass.Count, DirectionClass.Count).CopyTo(p.AsSpan(i * DirectionClass.Count));
            results.Add((h, DirectionMetrics.Compute(p, rows.Select(r => labels.Classes[r]).ToArray(), rows.Select(r => labels.Persistence[r]).ToArray())));
        }
        return (data, results);
    }

    /// <summary>
    /// The probabilities <c>hft evaluate</c> scores at <paramref name="horizon"/> (3 per row of <paramref name="data"/>'s
    /// samples): <paramref name="raw"/> as the model serves them — with its move-prior correction at its own horizon and its
    /// baseline gate judging at <paramref name="horizon"/> and <paramref name="threshold"/> when <paramref name="served"/>
    /// (its metadata's settings) asks for them; what the engine serves with <c>--gate-horizon</c> set to that horizon.
    /// </summary>
    internal static float[] ServedAt(float[] raw, ReplayDataset data, Inference.Calibration.MovePriorServing? served, TimeSpan horizon, MoveThreshold threshold) =>
        served is null ? raw : MovePriorScoring.Correct(raw, data, served.JudgedAt(horizon, threshold));

    // Loads the model once as a direction classifier before the (long) replay: a model that does not fit the role
    // (its contract: classes by name, output shapes, horizon, labelling) is refused in one line.
    internal static ModelContract DirectionContractOf(string modelPath)
    {
        try
        {
            using var session = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(1) with { WarmupRuns = 0 }, NullLogger.Instance)
                .Load(modelPath, ModelRole.Direction);
            return session.Contract;
        }
        catch (ModelLoadException e) { throw new InvalidDataException(e.Message, e); }
    }

    /// <summary>True when the model at <paramref name="path"/> is an ensemble with an embedded sequence member.</summary>
    public static bool HasSequenceMember(string path)
    {
        ModelProto proto;
        using (var fs = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(fs);
        return proto.MetadataProps.Any(p => p.Key == Inference.Ensemble.SequenceMemberSlot.MetadataKey);
    }

    /// <summary>Reads the <c>hft.*</c> metadata of a model file without starting a session.</summary>
    public static ModelMetadata ReadMetadata(string path)
    {
        ModelProto proto;
        using (var fs = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(fs);
        var props = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!ModelMetadata.IsPresent(props)) throw new InvalidDataException($"{path} carries no HftScalper metadata");
        return ModelMetadata.Parse(props);
    }
}
