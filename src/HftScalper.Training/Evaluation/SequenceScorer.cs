using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Scores a sequence model (input <c>[T, F]</c>) on sample rows: each scored row is the last of a window of the T
/// sample rows ending at it, run through the window model with ONNX Runtime (what training validated; the engine's
/// LSTM step equals it over the first T rows after a restart). A row that does not end a complete window (the first
/// T-1 rows of a span without a gap over the model's limit) cannot be scored: <see cref="Scorable"/> says which.
/// </summary>
internal static class SequenceScorer
{
    private const int Batch = 64;

    /// <summary>True when <paramref name="metadata"/> describes a model whose rows are windows of several sample rows.</summary>
    public static bool IsSequence(ModelMetadata metadata) => metadata.InputKind == ModelInputKind.Sequence && metadata.SequenceLength > 1;

    /// <summary>For each row of <paramref name="samples"/>: whether it ends a complete window of the model's length
    /// (gap limit: <c>labelling.maxGapMs</c>, <see cref="LstmRowServer.MaxGapOf"/>).</summary>
    public static bool[] Scorable(ModelMetadata metadata, FeatureMatrix samples)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(samples);
        var run = SequenceRuns.Lengths(samples.TimesNs, LstmRowServer.MaxGapOf(metadata));
        return [.. run.Select(r => r >= metadata.SequenceLength)];
    }

    /// <summary>Scores the windows ending at <paramref name="rows"/> (each must be scorable); 3 canonical columns per row.</summary>
    public static float[] Score(string modelPath, FeatureSchema schema, FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(Batch) with { WarmupRuns = 1 }, NullLogger.Instance).Load(modelPath, ModelRole.Direction);
        int w = session.OutputWidth, f = samples.Width, length = session.RowLength / f;
        var input = new float[Batch * length * f];
        var output = new float[rows.Length * w];
        for (int start = 0; start < rows.Length; start += Batch)
        {
            int n = Math.Min(Batch, rows.Length - start);
            for (int i = 0; i < n; i++)
            {
                int first = rows[start + i] - length + 1;
                if (first < 0) throw new ArgumentException($"row {rows[start + i]} does not end a window of {length} rows", nameof(rows));
                samples.Values.Slice(first * f, length * f).CopyTo(input.AsSpan(i * length * f, length * f));
            }
            var status = session.Predict(input, n, output.AsSpan(start * w, n * w));
            if (status != PredictStatus.Ok) throw new InvalidOperationException($"model '{modelPath}' failed on windows {start}..{start + n}: {status}");
        }
        return output;
    }
}
