using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Runs a model file over sample rows through the serving path (<see cref="ModelLoader"/> checks the schema hash and
/// shapes and the model's contract for the role, <see cref="ModelSession"/> predicts in batches on the CPU), so
/// evaluation scores exactly what would serve: a direction model's rows in canonical <see cref="DirectionContract"/>
/// order, a return model's one value.
/// </summary>
internal static class OnnxScorer
{
    private const int Batch = 256;

    /// <summary>Scores rows <paramref name="rows"/> with the model loaded as <paramref name="role"/>; returns <c>OutputWidth</c> floats per row.</summary>
    /// <exception cref="ModelLoadException">The file is not a model for <paramref name="schema"/> or does not fit <paramref name="role"/>.</exception>
    public static float[] Score(string modelPath, FeatureSchema schema, FeatureMatrix samples, int[] rows, ModelRole role, out int outputWidth)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        using var session = new ModelLoader(schema, ServingOptions.CpuOnly(Batch) with { WarmupRuns = 1 }, NullLogger.Instance).Load(modelPath, role);
        outputWidth = session.OutputWidth;
        int width = samples.Width;
        // An ensemble with a sequence member: the member scores the window ending at each row as training cut it (rows
        // without a complete window: not ready, the other members' combination serves them, as in the engine).
        float[][] members = [.. session.Members.Select((m, k) => SequenceScorer.Score(m, modelPath + "#member" + k, samples, rows, SequenceScorer.Scorable(m.Metadata, samples)))];
        var input = new float[Batch * width];
        var output = new float[rows.Length * outputWidth];
        for (int start = 0; start < rows.Length; start += Batch)
        {
            int n = Math.Min(Batch, rows.Length - start);
            for (int i = 0; i < n; i++) samples.Row(rows[start + i]).CopyTo(input.AsSpan(i * width, width));
            if (members.Length > 0) FeedMembers(session, members, start, n);
            var status = session.Predict(input, n, output.AsSpan(start * outputWidth, n * outputWidth));
            if (status != PredictStatus.Ok) throw new InvalidOperationException($"model '{modelPath}' failed on rows {start}..{start + n}: {status}");
        }
        return output;
    }

    private static void FeedMembers(ModelSession session, float[][] members, int start, int n)
    {
        int count = members.Length;
        var scores = session.MemberScores(0, n);
        var ready = session.MemberReady(0, n);
        for (int m = 0; m < count; m++)
            for (int i = 0; i < n; i++)
            {
                var p = members[m].AsSpan((start + i) * 3, 3);
                var at = scores.Slice((i * count + m) * 3, 3);
                bool ok = float.IsFinite(p[0]) && float.IsFinite(p[1]) && float.IsFinite(p[2]);
                if (ok) p.CopyTo(at); else at.Fill(1f / 3);
                ready[i * count + m] = ok ? 1f : 0f;
            }
    }
}
