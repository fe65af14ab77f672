using System.Diagnostics;
using Google.Protobuf;
using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Decides whether a model file may serve, off the hot path: <see cref="ModelLoader"/>'s checks (readable ONNX,
/// metadata, feature schema hash equal to the engine's, input/output shapes, warm-up), then the model's contract for
/// the role it is checked for (<see cref="ModelContract.Resolve"/>, the same rule as loading), then on the canary rows (recent real feature rows): finite outputs, probabilities
/// for classifiers, and a median single-row latency within budget. Returns a report and, when it passed, the warmed
/// session ready to swap in.
/// </summary>
public sealed class ModelValidator
{
    private readonly FeatureSchema _schema;
    private readonly ModelLoader _loader;
    private readonly ModelValidationOptions _options;
    private readonly int _warmupRuns;

    /// <summary>Creates a validator for models that must match <paramref name="schema"/>.</summary>
    public ModelValidator(FeatureSchema schema, ServingOptions serving, ModelValidationOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LatencyRuns);
        _schema = schema;
        _options = options;
        // The loader only creates the bindings; the full warm-up runs after the checks passed (see Validate).
        _loader = new ModelLoader(schema, serving with { WarmupRuns = 0 }, logger);
        _warmupRuns = serving.WarmupRuns;
    }

    /// <summary>The engine's feature schema.</summary>
    public FeatureSchema Schema => _schema;

    /// <summary>
    /// The fitted regime parameters of the running feature engine (<c>FeatureProfile.Of(options)</c>, set once the
    /// engine is built); a model trained on another profile is refused as a schema mismatch naming the difference.
    /// Null (default): not checked (the engine is built from the first model it serves).
    /// </summary>
    public HftScalper.Features.Regime.FeatureProfile? EngineFeatureProfile { get; set; }

    /// <summary>
    /// Checks <paramref name="path"/> on <paramref name="canaryRows"/> (<c>rows*Schema.Count</c> floats, oldest
    /// first; empty = a zero row). On success <paramref name="session"/> is the warmed session (the caller owns it);
    /// otherwise it is null and nothing is left open. Never throws for a bad file.
    /// </summary>
    public ModelValidationReport Validate(string path, ReadOnlySpan<float> canaryRows, out ModelSession? session)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        session = null;
        var pre = PreCheck(path, out string sha, out ModelMetadata? metadata);
        if (pre is not null) return pre;

        ModelSession loaded;
        try { loaded = _loader.Load(path, _options.Role); }
        catch (ModelLoadException e)
        {
            var why = e.Message.Contains("ONNX Runtime refused", StringComparison.Ordinal) ? ModelRejection.Unreadable : ModelRejection.WrongShape;
            return Report(path, sha, why, e.Message, metadata);
        }

        var report = CheckOutputs(path, sha, loaded, canaryRows);
        if (report.Passed)
        {
            loaded.Warmup(_warmupRuns);
            session = loaded;
        }
        else loaded.Dispose();
        return report;
    }

    // Reads the bytes once for the hash and classifies the refusals the loader would only describe in text.
    private ModelValidationReport? PreCheck(string path, out string sha, out ModelMetadata? metadata)
    {
        sha = "";
        metadata = null;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Report(path, sha, ModelRejection.Unreadable, $"model '{path}': cannot read the file ({e.Message})", null);
        }
        sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        ModelProto proto;
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            return Report(path, sha, ModelRejection.Unreadable, $"model '{path}': not an ONNX model or truncated ({bytes.Length} bytes; {e.Message})", null);
        }
        if (bytes.Length == 0 || proto.Graph is null)
            return Report(path, sha, ModelRejection.Unreadable, $"model '{path}': not an ONNX model ({bytes.Length} bytes, no graph)", null);
        var props = proto.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        if (!ModelMetadata.IsPresent(props))
            return Report(path, sha, ModelRejection.WrongShape, $"model '{path}': no HftScalper metadata (hft.* metadata_props)", null);
        try { metadata = ModelMetadata.Parse(props); }
        catch (ModelMetadataException e) { return Report(path, sha, ModelRejection.WrongShape, $"model '{path}': {e.Message}", null); }
        if (!string.Equals(metadata.SchemaHash, _schema.Hash, StringComparison.Ordinal))
        {
            var diff = _schema.DescribeDifference(metadata.FeatureNames) ?? "same feature names in the same order, so a unit or the schema version differs";
            return Report(path, sha, ModelRejection.SchemaMismatch,
                $"model '{path}' ({metadata.Name} v{metadata.Version}) was trained on feature schema {ModelHost.Short(metadata.SchemaHash)} " +
                $"but the engine computes {ModelHost.Short(_schema.Hash)} (v{_schema.Version}): {diff}", metadata);
        }
        // Fitted regime parameters change feature values, not names: checked like the schema (see FeatureProfile).
        if (EngineFeatureProfile?.DescribeDifference(metadata.FeatureProfile) is { } profileDiff)
            return Report(path, sha, ModelRejection.SchemaMismatch,
                $"model '{path}' ({metadata.Name} v{metadata.Version}) was trained on other regime parameters than the engine runs: {profileDiff}", metadata);
        // Names first (no session yet); the loader checks the same rule again with the graph's output shapes.
        if (ModelContract.Resolve(metadata, null, _options.Role, out var refusal) is null)
            return Report(path, sha, ModelRejection.WrongShape, $"model '{path}' ({metadata.Name} v{metadata.Version}): {refusal}", metadata);
        return null;
    }

    // An ensemble with a sequence member: the member on its own canary windows, then the ensemble's graph with the
    // member answering (a uniform prediction, ready) and while it warms (not ready, what it reports); each within budget.
    private ModelValidationReport CheckOutputs(string path, string sha, ModelSession s, ReadOnlySpan<float> canaryRows)
    {
        if (s.Members.Count == 0) return CheckRuns(path, sha, s, canaryRows);
        ModelValidationReport report = null!;
        for (int m = 0; m < s.Members.Count; m++)
        {
            report = CheckRuns(path + "#" + Ensemble.SequenceMemberSlot.KeyOf(m), sha, s.Members[m], canaryRows);
            if (!report.Passed) return report;
        }
        s.MemberScores(0, 1).Fill(1f / Ensemble.SequenceMemberSlot.Classes);
        s.MemberReady(0, 1).Fill(1f);
        report = CheckRuns(path, sha, s, canaryRows);
        s.MemberReady(0, 1).Clear();
        return report.Passed ? CheckRuns(path, sha, s, canaryRows) : report;
    }

    private ModelValidationReport CheckRuns(string path, string sha, ModelSession s, ReadOnlySpan<float> canaryRows)
    {
        var md = s.Metadata;
        int f = _schema.Count, len = s.RowLength, w = s.OutputWidth;
        int available = canaryRows.Length / f;
        // A row of a sequence model is T consecutive feature rows; canary rows are in time order, so slide a window.
        int inputs = available * f >= len ? available - len / f + 1 : 0;
        bool zeros = inputs == 0;
        float[] zero = zeros ? new float[len] : [];
        if (zeros) inputs = 1;
        ReadOnlySpan<float> Input(ReadOnlySpan<float> rows, int i) => zeros ? zero : rows.Slice(i * f, len);

        var scores = new float[w];
        for (int i = 0; i < inputs; i++)
        {
            var status = s.Predict(Input(canaryRows, i), 1, scores);
            if (status == PredictStatus.NonFiniteOutput)
                return Report(path, sha, ModelRejection.NonFiniteOutput, $"model '{path}' ({md.Name} v{md.Version}): NaN/infinite output on canary row {i} of {inputs}", md, inputs, zeros);
            if (status != PredictStatus.Ok)
                return Report(path, sha, ModelRejection.WrongShape, $"model '{path}' ({md.Name} v{md.Version}): run failed on canary row {i} ({status})", md, inputs, zeros);
            if ((s.Role == ModelRole.Direction || (s.Role == ModelRole.Outputs && md.OutputKind == ModelOutputKind.Classification)) && !AreProbabilities(scores))
                return Report(path, sha, ModelRejection.NotProbabilities,
                    $"model '{path}' ({md.Name} v{md.Version}): scores [{string.Join(", ", scores)}] on canary row {i} are not probabilities (>= 0, sum 1 ± {_options.ProbabilityTolerance})", md, inputs, zeros);
        }

        // Once more than half the runs are over budget the median is too: a very slow model is refused after
        // half the runs instead of keeping the lifecycle thread busy for all of them.
        double budget = _options.LatencyBudget.TotalMicroseconds;
        var times = new double[_options.LatencyRuns];
        int runs = 0, over = 0;
        while (runs < times.Length && over <= times.Length / 2)
        {
            long t0 = Stopwatch.GetTimestamp();
            s.Predict(Input(canaryRows, runs % inputs), 1, scores);
            times[runs] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            if (times[runs++] > budget) over++;
        }
        Array.Sort(times, 0, runs);
        double median = times[runs == times.Length ? runs / 2 : runs - times.Length / 2 - 1];
        if (median > budget)
            return Report(path, sha, ModelRejection.TooSlow, $"model '{path}' ({md.Name} v{md.Version}): median latency {median:F1} µs over the budget {budget:F1} µs", md, inputs, zeros, median);
        return Report(path, sha, ModelRejection.None,
            $"model '{path}' ({md.Name} v{md.Version}) passed: schema {ModelHost.Short(md.SchemaHash)}, {inputs} canary row(s){(zeros ? " (zeros: no recent rows)" : "")}, median {median:F1} µs",
            md, inputs, zeros, median);
    }

    private bool AreProbabilities(ReadOnlySpan<float> scores)
    {
        float sum = 0;
        foreach (var v in scores)
        {
            if (v < 0) return false;
            sum += v;
        }
        return MathF.Abs(sum - 1) <= _options.ProbabilityTolerance;
    }

    private static ModelValidationReport Report(string path, string sha, ModelRejection why, string message, ModelMetadata? md,
        int rows = 0, bool zeros = false, double median = 0) => new(path, sha, why, message, md, rows, zeros, median);
}
