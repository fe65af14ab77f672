using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// <c>hft evaluate --compare M1 M2 ...</c>: every model scored on the same held-out samples with the same labels. The
/// labelling (horizon, threshold, sampling clock) is the first model's unless overridden. Each model sees the rows
/// as its own feature profile computes them (one replay per distinct profile); only samples present in every replay
/// are kept, so the figures stay comparable. A sequence model (an LSTM over T sample rows, a transformer over T rows a
/// stride apart) scores the window ending at each sample, cut as training cut it; a sample without a complete window
/// (the first rows of a gap-free span) is left out of every model (<see cref="Result.WithoutSequenceWindow"/>), and its
/// latency is what the engine pays per decision (<see cref="CallLatency.MeasureSequence"/>: one LSTM step, or one
/// window run of the transformer). Baselines (majority of the evaluated samples, persistence) are the
/// same for every model.
/// </summary>
public static class ModelComparison
{
    /// <summary>The comparison's result: the dataset replayed (the first model's profile), the horizon and the models in order.</summary>
    public sealed record Result(ReplayDataset Dataset, TimeSpan Horizon, MoveThreshold Threshold, IReadOnlyList<ComparedModel> Models)
    {
        /// <summary>Labelled shared samples left out of every model because a sequence model had no complete window
        /// ending there (the first T-1 rows of each gap-free span); 0 without sequence models.</summary>
        public int WithoutSequenceWindow { get; init; }

        /// <summary>How the rule-based fallback's score (<see cref="Models.RuleSignal"/>, on the first model's rows) orders the
        /// same moved samples: the baseline of every model's <see cref="ComparedModel.Ranking"/>; null when a rule column is missing.</summary>
        public DirectionRanking? RuleRanking { get; init; }

        /// <summary>The longest window among the models, in sample rows first to last (1 = all tabular).</summary>
        public int LongestSequence { get; init; } = 1;
    }

    /// <summary>Compares <paramref name="models"/> on <paramref name="files"/> (none = the simulator with <paramref name="simulator"/>);
    /// with <paramref name="scoreFrom"/>, only samples at or after that exchange time are scored (e.g. the held-out day of
    /// two contiguous recordings, whose first file carries the book snapshot). With <paramref name="movePrior"/>, every tabular
    /// model that does not already ask for it is scored a second time with the per-symbol move-prior correction
    /// (<see cref="MovePriorScoring"/>, at the model's own horizon, clock and threshold, as the engine would serve it),
    /// listed right after it as <c>PATH+move-prior</c>. A model whose metadata asks for the correction is always scored with it,
    /// and its baseline gate (if it asks for one) judges at the comparison's horizon and threshold.
    /// With <paramref name="gate"/>, every tabular model (and its move-prior form) is scored once more behind the per-symbol
    /// <see cref="BaselineGate"/> at the comparison's horizon, clock and threshold (<see cref="GateScoring"/>), as <c>...+gate</c>.</summary>
    public static Result Run(IReadOnlyList<string> models, IReadOnlyList<string> files, SimulatorOptions simulator, TimeSpan? horizon = null,
        MoveThreshold? threshold = null, long? sampleIntervalNs = null, string? symbol = null, ReplayMarket? market = null, Action<string>? log = null,
        DateTimeOffset? scoreFrom = null, MovePriorOptions? movePrior = null, BaselineGateOptions? gate = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0) throw new ArgumentException("--compare needs at least one model");
        var metadata = models.Select(EvaluationJob.ReadMetadata).ToList();
        var contracts = models.Select(EvaluationJob.DirectionContractOf).ToList();
        var t = MovePriorServing.AskedThreshold(contracts[0], threshold);
        long interval = sampleIntervalNs ?? contracts[0].SampleIntervalNs ?? 1_000_000_000;
        var h = horizon ?? contracts[0].Horizon;

        // One replay per distinct feature profile and cross-symbol block, in the order the models name them.
        var byProfile = new Dictionary<string, ReplayDataset>(StringComparer.Ordinal);
        foreach (var m in metadata)
        {
            var id = FeatureKey(m);
            if (byProfile.ContainsKey(id)) continue;
            var data = ReplayDataset.Build(files, simulator, interval, symbol, market, log, m.FeatureOptions());
            if (data.Samples.Rows == 0) throw new InvalidDataException(data.NoSamplesMessage);
            byProfile[id] = data;
        }
        var first = byProfile[FeatureKey(metadata[0])];
        var labels = first.Label([h], t).At(h);
        var rowsOf = Align(first, byProfile.Values.ToList());
        // Kept: labelled samples of the first replay present in every replay and, for each sequence model, ending a
        // complete window in its replay (the first T-1 rows of a span cannot be scored by it, so no model scores them).
        // --from: only samples at or after it are scored (earlier rows still build the books, features and sequence windows).
        long fromNs = scoreFrom is { } from ? from.ToUnixTimeMilliseconds() * 1_000_000 : long.MinValue;
        var shared = Enumerable.Range(0, first.Samples.Rows).Where(i => labels.Classes[i] >= 0 && rowsOf.All(r => r[i] >= 0) && first.Samples.TimesNs[i] >= fromNs).ToArray();
        var profiles = byProfile.Keys.ToList();
        var windows = new List<(int Profile, bool[] Ends)>();
        foreach (var (md, path) in metadata.Zip(models).Where(x => SequenceScorer.IsSequence(x.First)))
        {
            SequenceScorer.CheckClock(path, md, interval);
            int p = profiles.IndexOf(FeatureKey(md));
            windows.Add((p, SequenceScorer.Scorable(md, byProfile[profiles[p]].Samples)));
        }
        var kept = shared.Where(i => windows.All(w => w.Ends[rowsOf[w.Profile][i]])).ToArray();
        if (kept.Length < shared.Length)
            log?.Invoke($"{shared.Length - kept.Length} of {shared.Length} labelled samples left out of every model: no complete sequence window ends there");
        if (kept.Length == 0) throw new InvalidDataException($"no labelled sample at {h.TotalSeconds} s in {first.Description}");
        var truth = kept.Select(i => labels.Classes[i]).ToArray();
        var persistence = kept.Select(i => labels.Persistence[i]).ToArray();
        var results = new List<ComparedModel>();
        for (int k = 0; k < models.Count; k++)
        {
            int p = profiles.IndexOf(FeatureKey(metadata[k]));
            var data = byProfile[profiles[p]];
            var rows = kept.Select(i => rowsOf[p][i]).ToArray();
            bool sequence = SequenceScorer.IsSequence(metadata[k]);
            // A model that asks for the move-prior correction is scored as it serves; its gate judges at the comparison's
            // horizon and threshold (the baselines it is compared with are those of that question).
            var served = sequence ? null : MovePriorServing.For(metadata[k], contracts[k])?.JudgedAt(h, t);
            var probabilities = sequence
                ? SequenceScorer.Score(models[k], data.Schema, data.Samples, rows)
                : served is not null ? MovePriorScoring.Score(models[k], data, rows, served)
                : OnnxScorer.Score(models[k], data.Schema, data.Samples, rows, ModelRole.Direction, out _);
            var metrics = DirectionMetrics.Compute(probabilities, truth, persistence);
            var latency = sequence || EvaluationJob.HasSequenceMember(models[k]) ? CallLatency.MeasureSequence(models[k], data.Schema, data.Samples, rows) : CallLatency.Measure(models[k], data.Schema, data.Samples, rows);
            log?.Invoke($"{models[k]}: {metrics.Summary()}; {latency.MeanUs:0.0} us/call (p99 {latency.P99Us:0.0})");
            results.Add(new ComparedModel(models[k], metadata[k].Name, contracts[k].Horizon, metadata[k].FeatureProfile.Identity, metrics, latency)
            {
                Ranking = DirectionRanking.Compute(DirectionRanking.SignedScore(probabilities), truth),
            });
            if (sequence) continue;
            float[]? every = null;
            if (gate is not null && served?.Options.Gate is null) // a model that asks for the gate is already scored behind it
            {
                every = OnnxScorer.Score(models[k], data.Schema, data.Samples, Enumerable.Range(0, data.Samples.Rows).ToArray(), ModelRole.Direction, out _);
                if (served is not null) every = MovePriorScoring.Correct(every, data, served);
                AddGated(models[k], every);
            }
            if (movePrior is null || served is not null) continue;
            // The tracker sees every sample of each symbol from its first (not only the scored ones), as an engine would.
            var asked = MovePriorServing.For(metadata[k] with { MovePrior = movePrior }, contracts[k])!;
            var shifted = DirectionMetrics.Compute(MovePriorScoring.Score(models[k], data, rows, asked), truth, persistence);
            log?.Invoke($"{models[k]}+move-prior: {shifted.Summary()}");
            results.Add(new ComparedModel(models[k] + "+move-prior", metadata[k].Name, contracts[k].Horizon, metadata[k].FeatureProfile.Identity, shifted, latency));
            if (every is not null) AddGated(models[k] + "+move-prior", MovePriorScoring.Correct(every, data, asked));

            void AddGated(string name, float[] all)
            {
                var gated = GateScoring.Gate(all, data, (long)h.TotalNanoseconds, interval, t, gate!, out int abstained);
                var m = DirectionMetrics.Compute(GateScoring.Pick(gated, rows), truth, persistence);
                log?.Invoke($"{name}+gate: {m.Summary()}; baseline served {abstained} of {data.Samples.Rows} rows");
                results.Add(new ComparedModel(name + "+gate", metadata[k].Name, contracts[k].Horizon, metadata[k].FeatureProfile.Identity, m, latency));
            }
        }
        return new Result(first, h, t, results)
        {
            WithoutSequenceWindow = shared.Length - kept.Length,
            RuleRanking = Models.RuleSignal.For(first.Schema) is { } rule
                ? DirectionRanking.Compute(kept.Select(i => rule.Score(first.Samples.Row(i))).ToArray(), truth)
                : null,
            LongestSequence = metadata.Max(m => SequenceScorer.IsSequence(m) ? SequenceScorer.SpanOf(m) : 1),
        };
    }

    // For each replay, the row matching each row of the first (same time on the axis, same occurrence among equal
    // times), or -1. Replays with other profiles can differ only where a row had a non-finite feature.
    // Models whose rows are the same: the fitted profile and the opt-in cross-symbol block (its columns and settings).
    private static string FeatureKey(ModelMetadata m) =>
        m.CrossSymbol is { } cross ? m.FeatureProfile.Identity + "|" + cross.ToJson() : m.FeatureProfile.Identity;

    private static List<int[]> Align(ReplayDataset first, List<ReplayDataset> all)
    {
        var baseTimes = first.Samples.TimesNs.ToArray();
        var maps = new List<int[]>();
        foreach (var d in all)
        {
            var map = new int[baseTimes.Length];
            var times = d.Samples.TimesNs;
            int j = 0;
            for (int i = 0; i < baseTimes.Length; i++)
            {
                while (j < times.Length && times[j] < baseTimes[i]) j++;
                map[i] = j < times.Length && times[j] == baseTimes[i] ? j++ : -1;
            }
            maps.Add(map);
        }
        return maps;
    }
}
