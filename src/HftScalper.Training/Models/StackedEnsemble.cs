using HftScalper.Training.Data;
using Microsoft.ML;

namespace HftScalper.Training.Models;

/// <summary>
/// A regime ensemble combined by a meta-learner (stacking): the global model and one model per regime (ranging,
/// trending, volatile; trained on that regime's rows only, the global model standing in for a regime with too few),
/// plus the rule signal, all evaluated on every row; the meta-learner reads
/// <c>z = [log p_global (3), w_r · log p_r for r = 0..2 (9), rule, w_trending, w_volatile]</c> where <c>w</c> are the
/// soft regime weights of <see cref="RegimeBlend"/> (a regime switch blends the members over the indicators' band
/// instead of flipping), and outputs P(down, flat, up) = softmax(b + zᵀW). Trained on out-of-fold member
/// predictions with purging (<c>Pipeline.StackingTrainer</c>).
/// </summary>
public sealed class StackedEnsemble
{
    /// <summary>Meta inputs per row.</summary>
    public const int MetaInputs = 3 + 3 * 3 + 1 + 2;

    /// <summary>Floor of a member probability before its log (log-probabilities stop at -6.9: a member's near-zero
    /// probabilities neither dominate the meta-learner nor amplify float rounding between ML.NET and the graph).</summary>
    public const float ProbabilityFloor = 1e-3f;

    /// <summary>Assembles a fitted ensemble.</summary>
    public StackedEnsemble(DirectionModel global, IReadOnlyList<DirectionModel?> byRegime, RegimeBlend blend, RuleSignal? rule, MetaLearner meta)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(byRegime);
        ArgumentNullException.ThrowIfNull(blend);
        ArgumentNullException.ThrowIfNull(meta);
        if (byRegime.Count != 3) throw new ArgumentException("need three regime slots", nameof(byRegime));
        if (byRegime.Any(m => m is not null && m.Form != global.Form)) throw new ArgumentException("members must share the global model's form", nameof(byRegime));
        if (meta.Inputs != MetaInputs) throw new ArgumentException($"the meta-learner must read {MetaInputs} inputs", nameof(meta));
        Global = global;
        ByRegime = byRegime;
        Blend = blend;
        Rule = rule;
        Meta = meta;
    }

    /// <summary>The model trained on every regime.</summary>
    public DirectionModel Global { get; }

    /// <summary>Per-regime members (null = the global model's output fills the slot).</summary>
    public IReadOnlyList<DirectionModel?> ByRegime { get; }

    /// <summary>Soft regime weights.</summary>
    public RegimeBlend Blend { get; }

    /// <summary>The rule member (null = its input is 0).</summary>
    public RuleSignal? Rule { get; }

    /// <summary>The combiner.</summary>
    public MetaLearner Meta { get; }

    /// <summary>The members' slots in order: global, ranging, trending, volatile (a missing regime member is the global model).</summary>
    public IEnumerable<DirectionModel> Members => [Global, .. ByRegime.Select(m => m ?? Global)];

    /// <summary>
    /// Meta inputs of <paramref name="rows"/> (<see cref="MetaInputs"/> per row) from the global model's predictions
    /// on those rows (<paramref name="global"/>, three per row) and the regime members'.
    /// </summary>
    public static float[] Inputs(MLContext ml, float[] global, IReadOnlyList<DirectionModel?> byRegime, RegimeBlend blend, RuleSignal? rule,
        FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(byRegime);
        ArgumentNullException.ThrowIfNull(blend);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        const int C = DirectionClass.Count;
        var g = global;
        var regime = new float[3][];
        for (int r = 0; r < 3; r++)
        {
            if (byRegime[r] is not { } m) { regime[r] = g; continue; }
            regime[r] = new float[rows.Length * C];
            m.Predict(ml, samples, rows, regime[r]);
        }
        var z = new float[rows.Length * MetaInputs];
        Span<float> w = stackalloc float[3];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = samples.Row(rows[i]);
            blend.Weights(row, w);
            var zi = z.AsSpan(i * MetaInputs, MetaInputs);
            for (int k = 0; k < C; k++) zi[k] = Log(g[i * C + k]);
            for (int r = 0; r < 3; r++)
                for (int k = 0; k < C; k++) zi[C + r * C + k] = Log(regime[r][i * C + k]) * w[r];
            zi[4 * C] = rule?.Score(row) ?? 0f;
            zi[4 * C + 1] = w[1];
            zi[4 * C + 2] = w[2];
        }
        return z;
    }

    /// <summary>P(down, flat, up) per row of <paramref name="rows"/>.</summary>
    public void Predict(MLContext ml, FeatureMatrix samples, int[] rows, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var g = new float[rows.Length * DirectionClass.Count];
        Global.Predict(ml, samples, rows, g);
        var z = Inputs(ml, g, ByRegime, Blend, Rule, samples, rows);
        for (int i = 0; i < rows.Length; i++)
            Meta.Predict(z.AsSpan(i * MetaInputs, MetaInputs), probabilities.Slice(i * DirectionClass.Count, DirectionClass.Count));
    }

    /// <summary>A short description for the metadata.</summary>
    public string Describe() =>
        $"stacked: global + {string.Join(", ", Enumerable.Range(0, 3).Select(r => $"{RegimeSet<DirectionModel>.RegimeNames[r]} {(ByRegime[r] is null ? "(global stands in)" : "member")}"))}" +
        $" + rule{(Rule is null ? " (absent: 0)" : "")}, meta-learner over {MetaInputs} inputs, regime switches blended";

    internal static float Log(float p) => MathF.Log(Math.Clamp(p, ProbabilityFloor, 1f));
}
