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
/// Scores a sequence model (input <c>[T, F]</c>) on sample rows: each scored row is the last of a window of T sample
/// rows ending at it, cut as training cut it (every <c>stride</c>-th row back by the model's
/// <see cref="SequenceWindow"/>: 1 for an LSTM, 4 for the transformer's 1 s cadence on 250 ms rows; the last T rows
/// when the model states no window), run through the window model with ONNX Runtime (what training validated; the
/// engine's LSTM step equals it over the first T rows after a restart, its window server equals it always). A row that
/// does not end a complete window (the first <c>(T-1)·stride</c> rows of a span without a gap over the model's limit)
/// cannot be scored: <see cref="Scorable"/> says which. The rows must be on the model's sampling clock
/// (<see cref="CheckClock"/>).
/// </summary>
internal static class SequenceScorer
{
    private const int Batch = 64;

    /// <summary>True when <paramref name="metadata"/> describes a model whose rows are windows of several sample rows.</summary>
    public static bool IsSequence(ModelMetadata metadata) => metadata.InputKind == ModelInputKind.Sequence && metadata.SequenceLength > 1;

    /// <summary>For each row of <paramref name="samples"/>: whether it ends a complete window of the model's span
    /// (gap limit: the window's, else <c>labelling.maxGapMs</c>, <see cref="LstmRowServer.MaxGapOf"/>).</summary>
    public static bool[] Scorable(ModelMetadata metadata, FeatureMatrix samples)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(samples);
        long gap = metadata.SequenceWindow?.MaxGapNs ?? LstmRowServer.MaxGapOf(metadata);
        int span = SpanOf(metadata);
        var run = SequenceRuns.Lengths(samples.TimesNs, gap);
        return [.. run.Select(r => r >= span)];
    }

    /// <summary>Sample rows from the first to the last of one window: <c>(T-1)·stride + 1</c>.</summary>
    public static int SpanOf(ModelMetadata metadata) => metadata.SequenceWindow?.SpanRows(metadata.SequenceLength) ?? metadata.SequenceLength;

    /// <summary>Throws <see cref="InvalidDataException"/> when the model's windows are cut on another sampling clock
    /// than the rows' (<paramref name="sampleIntervalNs"/>): its stride would count other rows than training did.</summary>
    public static void CheckClock(string modelPath, ModelMetadata metadata, long sampleIntervalNs)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.SequenceWindow is { } w && w.SampleIntervalNs > 0 && w.SampleIntervalNs != sampleIntervalNs)
            throw new InvalidDataException(FormattableString.Invariant(
                $"model '{modelPath}' cuts its windows from rows sampled every {w.SampleIntervalNs / 1e6:0.#} ms, the comparison samples every {sampleIntervalNs / 1e6:0.#} ms (--sample)"));
    }

    /// <summary>Scores the windows ending at <paramref name="rows"/> (each must be scorable); 3 canonical columns per row.</summary>
    public static float[] Score(string modelPath, FeatureSchema schema, FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(Batch) with { WarmupRuns = 1 }, NullLogger.Instance).Load(modelPath, ModelRole.Direction);
        return Score(session, modelPath, samples, rows);
    }

    /// <summary>Like <see cref="Score(string, FeatureSchema, FeatureMatrix, int[])"/> with a loaded session; a row of
    /// <paramref name="rows"/> that <paramref name="scorable"/> (when given) says ends no window gets NaN scores.</summary>
    public static float[] Score(ModelSession session, string modelPath, FeatureMatrix samples, int[] rows, bool[]? scorable = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        if (scorable is not null)
        {
            var ends = rows.Where(r => scorable[r]).ToArray();
            var scored = Score(session, modelPath, samples, ends);
            var all = new float[rows.Length * session.OutputWidth];
            Array.Fill(all, float.NaN);
            for (int i = 0, j = 0; i < rows.Length; i++)
                if (scorable[rows[i]]) scored.AsSpan(j++ * session.OutputWidth, session.OutputWidth).CopyTo(all.AsSpan(i * session.OutputWidth));
            return all;
        }
        int w = session.OutputWidth, f = samples.Width, length = session.RowLength / f;
        int stride = session.Metadata.SequenceWindow?.Stride ?? 1;
        var input = new float[Batch * length * f];
        var output = new float[rows.Length * w];
        for (int start = 0; start < rows.Length; start += Batch)
        {
            int n = Math.Min(Batch, rows.Length - start);
            for (int i = 0; i < n; i++)
            {
                int last = rows[start + i], first = last - (length - 1) * stride;
                if (first < 0) throw new ArgumentException($"row {last} does not end a window of {length} rows {stride} apart", nameof(rows));
                for (int k = 0; k < length; k++)
                    samples.Values.Slice((first + k * stride) * f, f).CopyTo(input.AsSpan((i * length + k) * f, f));
            }
            var status = session.Predict(input, n, output.AsSpan(start * w, n * w));
            if (status != PredictStatus.Ok) throw new InvalidOperationException($"model '{modelPath}' failed on windows {start}..{start + n}: {status}");
        }
        return output;
    }
}
