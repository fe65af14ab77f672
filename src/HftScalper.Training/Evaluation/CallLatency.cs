using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Latency of one serving call (one feature row, batch 1, the decision path's shape) through ONNX Runtime, or for an
/// LSTM model one step of its carried state (<see cref="MeasureSteps"/>), timed over a pass of real rows after
/// warm-up: mean and 99th percentile in microseconds.
/// </summary>
/// <param name="Calls">Timed calls.</param>
/// <param name="MeanUs">Mean microseconds per call.</param>
/// <param name="P99Us">99th percentile, microseconds.</param>
public sealed record CallLatency(int Calls, double MeanUs, double P99Us)
{
    /// <summary>Rows timed at most (the first ones of the pass).</summary>
    public const int MaxCalls = 2000;

    /// <summary>Times <paramref name="modelPath"/> on up to <see cref="MaxCalls"/> of <paramref name="rows"/>, one per call.</summary>
    public static CallLatency Measure(string modelPath, FeatureSchema schema, FeatureMatrix samples, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(1) with { WarmupRuns = 20 }, NullLogger.Instance).Load(modelPath, ModelRole.Direction);
        var output = new float[session.OutputWidth];
        return Time(modelPath, rows, r => session.Predict(samples.Row(r), 1, output) == PredictStatus.Ok);
    }

    /// <summary>
    /// Times an LSTM sequence model as the engine serves it: one step per decision (<see cref="LstmRowServer"/>, h/c
    /// carried), over up to <see cref="MaxCalls"/> of <paramref name="rows"/> in order as one symbol's decisions.
    /// </summary>
    public static CallLatency MeasureSteps(string modelPath, FeatureSchema schema, FeatureMatrix samples, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(1) with { WarmupRuns = 1 }, NullLogger.Instance).Load(modelPath, ModelRole.Direction);
        var steps = session.LstmSteps ?? throw new InvalidOperationException($"model '{modelPath}' is not served by an LSTM step");
        var output = new float[steps.OutputWidth];
        var key = new SequenceRowKey[1];
        return Time(modelPath, rows, r =>
        {
            key[0] = new SequenceRowKey { SymbolId = 0, TimeNs = samples.TimesNs[r], BookSynced = true };
            return steps.Serve(samples.Row(r), key, 1, samples.Width, output, output.Length);
        });
    }

    // An untimed pass first (the JIT and first-call paths are not the steady state being measured), then one timed call per row.
    private static CallLatency Time(string modelPath, ReadOnlySpan<int> rows, Func<int, bool> call)
    {
        int n = Math.Min(rows.Length, MaxCalls);
        if (n == 0) return new CallLatency(0, 0, 0);
        var ticks = new long[n];
        for (int i = 0; i < Math.Min(n, 200); i++) call(rows[i]);
        for (int i = 0; i < n; i++)
        {
            int row = rows[i];
            long start = Stopwatch.GetTimestamp();
            bool ok = call(row);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (!ok) throw new InvalidOperationException($"model '{modelPath}' failed on a timed row");
        }
        Array.Sort(ticks);
        double us = 1e6 / Stopwatch.Frequency;
        return new CallLatency(n, ticks.Average() * us, ticks[Math.Min(n - 1, (int)Math.Ceiling(0.99 * n) - 1)] * us);
    }

    /// <summary><c>{"calls", "mean", "p99"}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["calls"] = Calls,
        ["mean"] = Math.Round(MeanUs, 2),
        ["p99"] = Math.Round(P99Us, 2),
    };
}
