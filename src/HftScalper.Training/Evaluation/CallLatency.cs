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
    /// Times a sequence model as the engine serves it: an LSTM one step per decision (<see cref="LstmRowServer"/>, h/c
    /// carried), over up to <see cref="MaxCalls"/> of <paramref name="rows"/> in order as one symbol's decisions; a
    /// window model (<see cref="WindowRowServer"/>) one window run per decision that completes a window: every sample
    /// row from a window's span before the first of <paramref name="rows"/> is fed in order, and the calls on
    /// <paramref name="rows"/> that were not warming are timed.
    /// </summary>
    public static CallLatency MeasureSequence(string modelPath, FeatureSchema schema, FeatureMatrix samples, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(1) with { WarmupRuns = 1 }, NullLogger.Instance).Load(modelPath, ModelRole.Direction);
        return session.SequenceRows switch
        {
            LstmRowServer steps => MeasureSteps(modelPath, steps, samples, rows),
            WindowRowServer windows => MeasureWindows(modelPath, windows, samples, rows),
            Inference.Ensemble.SequenceMemberServer ensemble => MeasureSteps(modelPath, ensemble, samples, rows),
            _ => throw new InvalidOperationException($"model '{modelPath}' has no sequence server (neither an LSTM step nor a window)"),
        };
    }

    private static CallLatency MeasureWindows(string modelPath, WindowRowServer server, FeatureMatrix samples, ReadOnlySpan<int> rows)
    {
        int n = Math.Min(rows.Length, MaxCalls);
        if (n == 0) return new CallLatency(0, 0, 0);
        var timedRows = rows[..n].ToArray().ToHashSet();
        int first = Math.Max(0, rows[0] - server.SpanRows + 1), last = rows[n - 1];
        var output = new float[server.OutputWidth];
        var key = new SequenceRowKey[1];
        var warming = new bool[1];
        var ticks = new List<long>(n);
        // Two passes over the same rows: the first warms the JIT and ONNX Runtime (time going back empties the rings).
        for (int pass = 0; pass < 2; pass++)
        {
            for (int r = first; r <= last; r++)
            {
                key[0] = new SequenceRowKey { SymbolId = 0, TimeNs = samples.TimesNs[r], BookSynced = true };
                long start = Stopwatch.GetTimestamp();
                bool ok = server.Serve(samples.Row(r), key, 1, samples.Width, output, output.Length, warming);
                long elapsed = Stopwatch.GetTimestamp() - start;
                if (!ok) throw new InvalidOperationException($"model '{modelPath}' failed on a timed row");
                if (pass == 1 && !warming[0] && timedRows.Contains(r)) ticks.Add(elapsed);
            }
        }
        if (ticks.Count == 0) return new CallLatency(0, 0, 0);
        ticks.Sort();
        double us = 1e6 / Stopwatch.Frequency;
        return new CallLatency(ticks.Count, ticks.Average() * us, ticks[Math.Min(ticks.Count - 1, (int)Math.Ceiling(0.99 * ticks.Count) - 1)] * us);
    }

    // One row per call in order as one symbol's decisions: an LSTM's step, or an ensemble with a sequence member (its
    // member's step or window, then the ensemble graph).
    private static CallLatency MeasureSteps(string modelPath, ISequenceRowServer server, FeatureMatrix samples, ReadOnlySpan<int> rows)
    {
        var output = new float[server.OutputWidth];
        var key = new SequenceRowKey[1];
        var warming = new bool[1];
        return Time(modelPath, rows, r =>
        {
            key[0] = new SequenceRowKey { SymbolId = 0, TimeNs = samples.TimesNs[r], BookSynced = true };
            return server.Serve(samples.Row(r), key, 1, samples.Width, output, output.Length, warming);
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
